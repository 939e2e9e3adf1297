/** Every BullMQ queue Switchyard uses. Job data types live beside each job. */
export const QueueName = {
  /** Debounced real-time and scheduled full segment evaluations. */
  SegmentEvaluation: 'segment-evaluation',
  /** One journey step per job (invariant 5). */
  JourneySteps: 'journey-steps',
  /** Delivery of outbox rows (e-mail, SMS, webhooks) after the step that wrote them committed. */
  Outbox: 'outbox',
  /** Reconciler: rebuilds due work from Postgres. */
  Maintenance: 'maintenance',
  /** Journey triggers fired by time: schedule occurrences. */
  JourneyTriggers: 'journey-triggers',
  /** Segment group backfills: many snapshots of one group, one job per backfill. */
  GroupBackfill: 'group-backfill',
  /** The scheduled refresh of association rules (cross-sell recommendations). */
  Recommendations: 'recommendations',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const ALL_QUEUES: QueueName[] = Object.values(QueueName);
