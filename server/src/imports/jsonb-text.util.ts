/**
 * Postgres refuses two things in jsonb that a JS string may hold: the NUL character
 * (`\u0000` cannot be converted to text) and an unpaired UTF-16 surrogate (its JSON
 * escape is not Unicode). Both can come from outside, e.g. in V8's JSON parse messages,
 * which quote a snippet of the refused line and may cut a surrogate pair in half.
 */
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex -- NUL is what Postgres refuses
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with each NUL and each unpaired surrogate replaced by U+FFFD; valid pairs stay. */
export function jsonbSafeText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}
