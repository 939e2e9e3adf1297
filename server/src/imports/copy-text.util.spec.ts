import { describe, expect, it } from 'vitest';
import { copyTextField } from './copy-text.util.js';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return; NULL is \\N', () => {
    expect(copyTextField(null)).toBe('\\N');
    expect(copyTextField(12)).toBe('12');
    expect(copyTextField('plain')).toBe('plain');
    expect(copyTextField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyTextField('{"s":"quote \\" and \\\\n"}')).toBe('{"s":"quote \\\\" and \\\\\\\\n"}');
  });
});
