/** Journey graphs the scenarios build. */
export interface EmailSettings {
  to?: string;
  subject: string;
  html: string;
}

export function triggerThenEmail(
  kind: 'segment_entered' | 'segment_exited',
  segmentId: string,
  email: EmailSettings,
  ids: { trigger: string; email: string } = { trigger: 'trigger', email: 'email' },
) {
  return {
    nodes: [
      { id: ids.trigger, type: 'trigger', position: { x: 0, y: 0 }, config: { kind, segmentId } },
      {
        id: ids.email,
        type: 'send_email',
        position: { x: 0, y: 150 },
        config: {
          to: email.to ?? '{{customer.traits.email}}',
          subject: email.subject,
          html: email.html,
        },
      },
    ],
    edges: [{ id: `${ids.trigger}-${ids.email}`, source: ids.trigger, target: ids.email }],
  };
}

/** trigger → send_email → wait → send_email: two messages per run, a delayed job between. */
export function emailWaitEmail(
  kind: 'segment_entered' | 'segment_exited',
  segmentId: string,
  first: EmailSettings,
  wait: { amount: number; unit: 'seconds' | 'minutes' | 'hours' | 'days' },
  second: EmailSettings,
  ids = { trigger: 'trigger', first: 'email-a', wait: 'wait', second: 'email-b' },
) {
  const email = (id: string, settings: EmailSettings, y: number) => ({
    id,
    type: 'send_email',
    position: { x: 0, y },
    config: {
      to: settings.to ?? '{{customer.traits.email}}',
      subject: settings.subject,
      html: settings.html,
    },
  });
  return {
    nodes: [
      { id: ids.trigger, type: 'trigger', position: { x: 0, y: 0 }, config: { kind, segmentId } },
      email(ids.first, first, 150),
      { id: ids.wait, type: 'wait', position: { x: 0, y: 300 }, config: wait },
      email(ids.second, second, 450),
    ],
    edges: [
      { id: `${ids.trigger}-${ids.first}`, source: ids.trigger, target: ids.first },
      { id: `${ids.first}-${ids.wait}`, source: ids.first, target: ids.wait },
      { id: `${ids.wait}-${ids.second}`, source: ids.wait, target: ids.second },
    ],
  };
}
