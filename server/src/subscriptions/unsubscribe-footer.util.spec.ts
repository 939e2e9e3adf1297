import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unsubscribeHtmlFooter, withUnsubscribeLink } from './unsubscribe-footer.util.js';

const url = 'https://sy.example.com/u/MzpmMmI4.AbCdEfGhIjKlMnOpQrStUv';
const base = { to: 'ada@example.com', subject: 'Hi' };

describe('withUnsubscribeLink', () => {
  it('puts the link before </body>, or at the end of a fragment, and at the end of the text', () => {
    const out = withUnsubscribeLink(
      { ...base, html: '<html><BODY><p>Deals</p></BODY></html>', text: 'Deals\n' },
      url,
    );
    expect(out.html).toMatch(
      new RegExp(
        `^<html><BODY><p>Deals</p><p [^>]+>.*<a href="${url}"[^>]*>Unsubscribe</a>.</p>\\n</BODY></html>$`,
      ),
    );
    expect(out.text).toBe(`Deals\n\nUnsubscribe: ${url}`);
    expect(withUnsubscribeLink({ ...base, html: '<p>Deals</p>' }, url).html).toMatch(
      /^<p>Deals<\/p>\n<p [^>]+>.*Unsubscribe<\/a>.<\/p>$/,
    );
    expect(withUnsubscribeLink(base, url)).toEqual({ ...base, text: `Unsubscribe: ${url}` });
  });

  it('leaves a body that already carries the link, as written or HTML-escaped', () => {
    const odd = 'https://sy.example.com/u/a=b.c';
    const escaped = { ...base, html: '<a href="https://sy.example.com/u/a&#x3D;b.c">Leave</a>' };
    expect(withUnsubscribeLink(escaped, odd)).toEqual(escaped);
    const own = { ...base, html: `<a href="${url}">x</a>`, text: `Leave: ${url}` };
    expect(withUnsubscribeLink(own, url)).toEqual(own);
  });

  it('always yields bodies that carry the link, keeps what was written, and is idempotent', () => {
    const body = fc.option(fc.string({ maxLength: 200 }), { nil: undefined });
    fc.assert(
      fc.property(body, body, (html, text) => {
        const email = {
          ...base,
          ...(html !== undefined ? { html } : {}),
          ...(text !== undefined ? { text } : {}),
        };
        const out = withUnsubscribeLink(email, url);
        for (const part of [out.html, out.text])
          if (part !== undefined) expect(part).toContain(url);
        // What was written stays, the footer (and the line break beside it) aside.
        const footer = unsubscribeHtmlFooter(url);
        if (html !== undefined && out.html !== html)
          expect([
            out.html?.replace(`${footer}\n`, ''),
            out.html?.replace(`\n${footer}`, ''),
          ]).toContain(html);
        if (text !== undefined) expect(out.text?.startsWith(text.trimEnd())).toBe(true);
        expect(withUnsubscribeLink(out, url)).toEqual(out);
        expect(out.to).toBe(base.to);
      }),
    );
  });
});
