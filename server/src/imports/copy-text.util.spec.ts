import { describe, expect, it } from 'vitest';
import { copyTextField, copyTextRow } from './copy-text.util.js';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return; NULL is \\N', () => {
    expect(copyTextField(null)).toBe('\\N');
    expect(copyTextField(12)).toBe('12');
    expect(copyTextField('plain')).toBe('plain');
    expect(copyTextField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyTextField('{"s":"quote \\" and \\\\n"}')).toBe('{"s":"quote \\\\" and \\\\\\\\n"}');
  });

  it('joins fields with tabs and ends rows with a newline', () => {
    expect(copyTextRow([1, 'track', null, 'x\ty'])).toBe('1\ttrack\t\\N\tx\\ty\n');
  });
});
