import type { JourneyGraph, JourneySettingsInput } from '@switchyard/contracts';

const comeback = (subject: string, offer: string) => ({
  to: '{{customer.traits.email}}',
  subject,
  html: `<p>Hi {{customer.traits.first_name}},</p><p>It has been a while. ${offer}</p>`,
  text: `Hi {{customer.traits.first_name}}, ${offer.replace(/<[^>]+>/g, '')}`,
});

/**
 * The demo's live journey: when someone stops being an active buyer, wait 3 days; VIPs
 * get a personal offer, everyone else a comeback code, except a 10% holdout that gets
 * nothing, so the stats show the offer's lift. An order within 14 days is the goal.
 */
export function winBackJourney(segments: { active: string; vip: string }): {
  graph: JourneyGraph;
  settings: JourneySettingsInput;
} {
  const at = (x: number, y: number) => ({ x, y });
  return {
    graph: {
      nodes: [
        {
          id: 'trigger',
          type: 'trigger',
          position: at(0, 0),
          config: { kind: 'segment_exited', segmentId: segments.active },
        },
        {
          id: 'wait_3_days',
          type: 'wait',
          position: at(0, 150),
          config: { amount: 3, unit: 'days' },
        },
        {
          id: 'is_vip',
          type: 'condition_branch',
          label: 'VIP?',
          position: at(0, 300),
          config: {
            branches: [{ key: 'vip', label: 'VIP', rule: { segment: segments.vip } }],
          },
        },
        {
          id: 'vip_offer',
          type: 'send_email',
          label: 'VIP offer',
          position: at(-220, 470),
          config: comeback(
            'A thank-you for you, {{customer.traits.first_name}}',
            'As one of our best customers, here is 20% off with code <strong>VIP20</strong>.',
          ),
        },
        {
          id: 'split',
          type: 'random_split',
          label: 'Offer or holdout',
          position: at(220, 470),
          config: { branches: [{ key: 'offer', label: 'Offer', percent: 90 }], holdoutPercent: 10 },
        },
        {
          id: 'comeback_email',
          type: 'send_email',
          label: 'Comeback code',
          position: at(220, 700),
          config: comeback(
            'We miss you, {{customer.traits.first_name}}',
            'Here is 10% off your next order with code <strong>COMEBACK10</strong>.',
          ),
        },
      ],
      edges: [
        { id: 'e_trigger_wait', source: 'trigger', target: 'wait_3_days' },
        { id: 'e_wait_vip', source: 'wait_3_days', target: 'is_vip' },
        { id: 'e_vip_offer', source: 'is_vip', sourceHandle: 'vip', target: 'vip_offer' },
        { id: 'e_else_split', source: 'is_vip', sourceHandle: 'else', target: 'split' },
        { id: 'e_split_offer', source: 'split', sourceHandle: 'offer', target: 'comeback_email' },
      ],
    },
    settings: {
      reentry: { mode: 'after_exit' },
      goal: { event: 'Order Completed', withinDays: 14 },
      exit: { onSegmentExit: false, onGoal: true },
      quietHours: { start: '21:00', end: '08:00' },
    },
  };
}
