import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  exportLine,
  normaliseEmail,
  normalisePhone,
  sha256,
} from './audience-export.util.js';

describe('audience export', () => {
  it('quotes CSV fields only when needed and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(null)).toBe('');
  });

  it('parses back to the same fields (RFC 4180)', () => {
    const parse = (line: string): string[] => {
      const out: string[] = [];
      let field = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quoted && ch === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (quoted && ch === '"') quoted = false;
        else if (quoted) field += ch;
        else if (ch === '"') quoted = true;
        else if (ch === ',') {
          out.push(field);
          field = '';
        } else field += ch;
      }
      out.push(field);
      return out;
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s)),
          { minLength: 1 },
        ),
        (fields) => {
          expect(parse(fields.map(csvField).join(','))).toEqual(fields);
        },
      ),
    );
  });

  it('normalises e-mails and phones as ad platforms expect before hashing', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
    expect(normaliseEmail('not an email')).toBeNull();
    expect(normalisePhone('+1 (650) 555-1234')).toBe('16505551234');
    expect(normalisePhone('0044 20 7946 0958')).toBe('442079460958');
    expect(normalisePhone('123')).toBeNull();
    // The published SHA-256 of "test@example.com".
    expect(sha256(normaliseEmail(' TEST@example.com'))).toBe(
      '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b',
    );
  });

  it('writes one hashed line per member, empty where nothing is known', () => {
    const member = {
      external_id: '7',
      email: 'A@B.co',
      phone: null,
      first_name: 'Ada',
      last_name: null,
      added_at: new Date('2026-01-02T03:04:05Z'),
    };
    expect(exportLine(member, 'hashed')).toBe(`${sha256('a@b.co')},\r\n`);
    expect(exportLine(member, 'csv')).toBe('7,A@B.co,,Ada,,2026-01-02T03:04:05.000Z\r\n');
  });
});
