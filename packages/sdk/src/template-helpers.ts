/** The part of a Handlebars environment the helpers need. */
export interface HelperHost {
  registerHelper(name: string, fn: (...args: unknown[]) => unknown): void;
}

/**
 * The helpers templates may use besides Handlebars' built-ins (the server and the SDK's
 * test harness register the same ones). Each is a pure function of
 * its arguments (Handlebars passes an `options` object last, which they ignore): no access
 * to the data's prototypes, the file system or the clock.
 *
 *   {{money total "EUR"}}            €1,234.50 (currency default USD, locale en-US)
 *   {{date lastOrderAt "long"}}      January 2, 2026 (short | medium | long | iso; UTC)
 *   {{pluralise days "day"}}         1 day / 3 days ({{pluralise n "person" "people"}})
 *   {{default firstName "there"}}    the value, or the fallback when empty
 *   {{#if (gt daysSinceLastOrder 90)}} … {{/if}}   eq ne gt gte lt lte and or not
 */
const helpers: Record<string, (...args: unknown[]) => unknown> = {
  money: (...args) => {
    const [amount, currency] = values(args);
    const n = toNumber(amount);
    if (n === null) return '';
    const code = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency : 'USD';
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: code.toUpperCase(),
    }).format(n);
  },
  date: (...args) => {
    const [value, style] = values(args);
    const date = toDate(value);
    if (!date) return '';
    if (style === 'iso') return date.toISOString().slice(0, 10);
    const dateStyle = style === 'short' || style === 'long' ? style : 'medium';
    return new Intl.DateTimeFormat('en-US', { dateStyle, timeZone: 'UTC' }).format(date);
  },
  pluralise: (...args) => {
    const [count, singular, plural] = values(args);
    const n = toNumber(count) ?? 0;
    const one = typeof singular === 'string' ? singular : '';
    const many = typeof plural === 'string' ? plural : `${one}s`;
    return `${new Intl.NumberFormat('en-US').format(n)} ${n === 1 ? one : many}`;
  },
  default: (...args) => {
    const [value, fallback] = values(args);
    return value === undefined || value === null || value === '' ? fallback : value;
  },
  eq: (...args) => compare(args, (a, b) => a === b),
  ne: (...args) => compare(args, (a, b) => a !== b),
  gt: (...args) => compare(args, (a, b) => order(a, b) > 0),
  gte: (...args) => compare(args, (a, b) => order(a, b) >= 0),
  lt: (...args) => compare(args, (a, b) => order(a, b) < 0),
  lte: (...args) => compare(args, (a, b) => order(a, b) <= 0),
  and: (...args) => values(args).every(Boolean),
  or: (...args) => values(args).some(Boolean),
  not: (...args) => !values(args)[0],
};

/** For compile options: with knownHelpersOnly, anything else is a compile error. */
export const KNOWN_HELPERS: Record<string, true> = Object.fromEntries(
  Object.keys(helpers).map((name) => [name, true]),
);

export function registerSafeHelpers(hb: HelperHost): void {
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
}

/** The helper's arguments without Handlebars' trailing options object. */
function values(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

function toNumber(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function toDate(value: unknown): Date | null {
  if (!(typeof value === 'string' || typeof value === 'number' || value instanceof Date))
    return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function compare(args: unknown[], test: (a: unknown, b: unknown) => boolean): boolean {
  const [a, b] = values(args);
  return test(a, b);
}

/** Numbers (and numeric strings) by value, anything else as text. */
function order(a: unknown, b: unknown): number {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== null && y !== null) return x - y;
  return String(a).localeCompare(String(b));
}
