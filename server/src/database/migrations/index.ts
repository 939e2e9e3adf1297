import { InitialSchema1732300000000 } from './1732300000000-initial-schema.js';
import { SegmentGroups1733000000000 } from './1733000000000-segment-groups.js';
import { JourneyEngine1734000000000 } from './1734000000000-journey-engine.js';
import { EnrollmentHotUpdates1735000000000 } from './1735000000000-enrollment-hot-updates.js';
import { AudienceSources1736000000000 } from './1736000000000-audience-sources.js';
import { GroupMovementCounts1737000000000 } from './1737000000000-group-movement-counts.js';
import { AssociationRules1738000000000 } from './1738000000000-association-rules.js';
import { Campaigns1739000000000 } from './1739000000000-campaigns.js';
import { WorkspaceSecrets1740000000000 } from './1740000000000-workspace-secrets.js';
import { PeopleAndAccess1741000000000 } from './1741000000000-people-and-access.js';
import { SecretsAtRest1742000000000 } from './1742000000000-secrets-at-rest.js';
import { DurableRealtimeMarks1743000000000 } from './1743000000000-durable-realtime-marks.js';
import { OutboxOutlivesRuns1744000000000 } from './1744000000000-outbox-outlives-runs.js';
import { ActiveRunsByCustomer1745000000000 } from './1745000000000-active-runs-by-customer.js';
import { WorkspaceSmtp1746000000000 } from './1746000000000-workspace-smtp.js';
import { LeanRunWrites1747000000000 } from './1747000000000-lean-run-writes.js';
import { FailedDeliveries1748000000000 } from './1748000000000-failed-deliveries.js';
import { DeliveryNextAttempt1749000000000 } from './1749000000000-delivery-next-attempt.js';
import { CustomerTraitsLimit1750000000000 } from './1750000000000-customer-traits-limit.js';
import { ChannelOptOuts1751000000000 } from './1751000000000-channel-opt-outs.js';
import { OptOutSourceStep1752000000000 } from './1752000000000-opt-out-source-step.js';
import { CustomersByPhone1753000000000 } from './1753000000000-customers-by-phone.js';
import { SubscriptionTopics1754000000000 } from './1754000000000-subscription-topics.js';
import { CampaignTopic1755000000000 } from './1755000000000-campaign-topic.js';
import { EmailSuppressions1756000000000 } from './1756000000000-email-suppressions.js';
import { EmailComplaints1757000000000 } from './1757000000000-email-complaints.js';
import { EmailEngagements1758000000000 } from './1758000000000-email-engagements.js';

/** Every migration, oldest first. TypeORM's `synchronize` is never on. */
export const migrations = [
  InitialSchema1732300000000,
  SegmentGroups1733000000000,
  JourneyEngine1734000000000,
  EnrollmentHotUpdates1735000000000,
  AudienceSources1736000000000,
  GroupMovementCounts1737000000000,
  AssociationRules1738000000000,
  Campaigns1739000000000,
  WorkspaceSecrets1740000000000,
  PeopleAndAccess1741000000000,
  SecretsAtRest1742000000000,
  DurableRealtimeMarks1743000000000,
  OutboxOutlivesRuns1744000000000,
  ActiveRunsByCustomer1745000000000,
  WorkspaceSmtp1746000000000,
  LeanRunWrites1747000000000,
  FailedDeliveries1748000000000,
  DeliveryNextAttempt1749000000000,
  CustomerTraitsLimit1750000000000,
  ChannelOptOuts1751000000000,
  OptOutSourceStep1752000000000,
  CustomersByPhone1753000000000,
  SubscriptionTopics1754000000000,
  CampaignTopic1755000000000,
  EmailSuppressions1756000000000,
  EmailComplaints1757000000000,
  EmailEngagements1758000000000,
];
