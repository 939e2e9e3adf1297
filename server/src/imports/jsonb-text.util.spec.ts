import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonbSafeText } from './jsonb-text.util.js';

/** Any UTF-16 code unit: NUL, lone and paired surrogates, astral characters as pairs. */
const anyUnits = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
    fc.constantFrom('\u0000', '\uD83D', '\uDE00', '😀', '\uDBFF\uDFFF', 'a'),
  ),
  maxLength: 40,
});

/** The reference: code point by code point (a lone surrogate is its own "code point"). */
function byCodePoint(text: string): string {
  return Array.from(text, (point) => {
    const code = point.codePointAt(0) ?? 0;
    return code === 0 || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : point;
  }).join('');
}

describe('jsonbSafeText', () => {
  it('replaces NUL and unpaired surrogates with U+FFFD and keeps valid pairs', () => {
    expect(jsonbSafeText('a\u0000b')).toBe('a\uFFFDb');
    expect(jsonbSafeText('x\uD83D')).toBe('x\uFFFD');
    expect(jsonbSafeText('\uDE00x')).toBe('\uFFFDx');
    expect(jsonbSafeText('\uDE00\uD83D')).toBe('\uFFFD\uFFFD');
    expect(jsonbSafeText('😀 \uD83D\uD83D\uDE00')).toBe('😀 \uFFFD😀');
    expect(jsonbSafeText('Café ☕')).toBe('Café ☕');
  });

  it('matches a code point by code point replacement, unit for unit', () => {
    fc.assert(
      fc.property(anyUnits, (text) => {
        const safe = jsonbSafeText(text);
        expect(safe).toBe(byCodePoint(text));
        expect(safe).toHaveLength(text.length);
      }),
    );
  });

  it('leaves no NUL and no unpaired surrogate, and its JSON has no escape Postgres refuses', () => {
    fc.assert(
      fc.property(anyUnits, (text) => {
        const safe = jsonbSafeText(text);
        expect(safe).not.toContain('\u0000');
        // Well-formed UTF-16 survives a UTF-8 round trip unchanged.
        expect(Buffer.from(safe, 'utf8').toString('utf8')).toBe(safe);
        expect(JSON.stringify(safe)).not.toMatch(/\\u(0000|d[89a-f])/i);
      }),
    );
  });

  it('changes nothing in well-formed text without NUL', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((text) => !text.includes('\u0000')),
        (text) => {
          expect(jsonbSafeText(text)).toBe(text);
        },
      ),
    );
  });
});
