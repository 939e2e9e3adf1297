import { z } from 'zod';

const address = z.email('must be an e-mail address').max(320);
/** The Message-ID header of the e-mail reported on (Switchyard's own, as sent). */
const messageId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(998, 'must be at most 998 characters')
  .optional();

/**
 * One report an e-mail provider sends back after the SMTP conversation:
 * - `hard_bounce`: the address does not exist (a bounce e-mail, a provider's bounce
 *   webhook). It is suppressed for the workspace: no e-mail goes to it any more,
 *   transactional included, until `DELETE /api/email-suppressions/:address`.
 * - `complaint`: the recipient marked the e-mail as spam. They are unsubscribed from
 *   marketing e-mail (source `complaint`) and the complaint is counted on the step that
 *   sent it (`NodeStats.complaints`), found by `messageId`.
 */
export const emailFeedbackEventSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('hard_bounce'),
      address,
      messageId,
      /** What the provider said (e.g. `550 5.1.1 user unknown`). */
      reason: z.string().trim().max(500, 'must be at most 500 characters').optional(),
    }),
    z.strictObject({ type: z.literal('complaint'), address, messageId }),
  ],
  { error: 'must have type hard_bounce or complaint' },
);
export type EmailFeedbackEvent = z.infer<typeof emailFeedbackEventSchema>;

/** `POST /v1/email/feedback`: up to 500 reports at once. */
export const emailFeedbackBodySchema = z.strictObject({
  events: z
    .array(emailFeedbackEventSchema)
    .min(1, 'must have at least one event')
    .max(500, 'must have at most 500 events'),
});
export type EmailFeedbackBody = z.infer<typeof emailFeedbackBodySchema>;

export interface EmailFeedbackResult {
  /** Addresses newly suppressed (an address already suppressed is not counted again). */
  suppressed: number;
  /** Complaints recorded (a provider's repeat of one, same Message-ID, is not). */
  complaints: number;
  /** Customers unsubscribed from marketing e-mail by those complaints. */
  unsubscribed: number;
}

/**
 * The spam-complaint rate (complaints ÷ e-mails delivered) above which Gmail and Yahoo
 * throttle or junk a bulk sender (their 2024 sender requirements: stay under 0.3 %).
 */
export const SPAM_COMPLAINT_LIMIT = 0.003;

/** Whether complaints over sent e-mails pass that limit. */
export function overComplaintLimit(complaints: number, sent: number): boolean {
  return sent > 0 && complaints / sent > SPAM_COMPLAINT_LIMIT;
}
