/** Replies that unsubscribe from marketing SMS (the carriers' and CTIA's standard words). */
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
/** Replies that subscribe again. */
const START_WORDS = new Set(['START', 'UNSTOP', 'YES']);

/**
 * What an inbound text asks: the whole message, trimmed, case and trailing punctuation
 * ignored, is one keyword ("Stop." unsubscribes; "please don't stop" does not).
 */
export function smsKeywordAction(body: string): 'unsubscribe' | 'subscribe' | null {
  const word = body
    .trim()
    .replace(/[.!\s]+$/u, '')
    .toUpperCase();
  if (STOP_WORDS.has(word)) return 'unsubscribe';
  if (START_WORDS.has(word)) return 'subscribe';
  return null;
}
