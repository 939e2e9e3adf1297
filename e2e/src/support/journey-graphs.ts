/** Journey graphs the scenarios build: a trigger followed by one e-mail. */
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
