import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withTracking } from './engagement-tracking.util.js';

const tracking = {
  clickUrl: (url: string) => `https://t.example/c/tok?u=${encodeURIComponent(url)}`,
  openUrl: 'https://t.example/o/tok',
  keep: (url: string) => url.startsWith('https://t.example/u/'),
};

describe('withTracking', () => {
  it('sends http(s) links through their click link and adds the pixel before </body>', () => {
    const html =
      '<html><body><a href="https://shop.example/sale?a=1&amp;b=2">Sale</a> ' +
      "<a class='x' href='http://shop.example/'>Home</a> " +
      '<a href="mailto:help@shop.example">Mail</a> <a href="#top">Top</a> ' +
      '<a href="https://t.example/u/abc">Unsubscribe</a></body></html>';
    const out = withTracking(html, tracking);
    expect(out).toContain(
      '<a href="https://t.example/c/tok?u=https%3A%2F%2Fshop.example%2Fsale%3Fa%3D1%26b%3D2">Sale</a>',
    );
    expect(out).toContain(
      '<a class=\'x\' href="https://t.example/c/tok?u=http%3A%2F%2Fshop.example%2F">Home</a>',
    );
    expect(out).toContain('<a href="mailto:help@shop.example">Mail</a>');
    expect(out).toContain('<a href="#top">Top</a>');
    expect(out).toContain('<a href="https://t.example/u/abc">Unsubscribe</a>');
    expect(out).toMatch(
      /<img src="https:\/\/t\.example\/o\/tok" width="1" height="1" alt=""[^>]*><\/body><\/html>$/,
    );
  });

  it('adds the pixel at the end of a body without </body>', () => {
    expect(withTracking('<p>Hi</p>', tracking)).toMatch(/^<p>Hi<\/p><img src=/);
  });

  it('keeps everything but the links it rewrites (property)', () => {
    const text = fc.string().map((s) => s.replace(/[<>"'&]/g, ''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.webUrl())), (parts) => {
        const html = parts
          .map(([t, url]) => `${t}<a href="${url.replace(/&/g, '&amp;')}">${t}</a>`)
          .join('');
        const out = withTracking(html, tracking);
        // Every link goes through its click link, in order; the text between is untouched.
        const hrefs = [...out.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
        expect(hrefs).toEqual(
          parts.map(([, url]) => tracking.clickUrl(url).replace(/&/g, '&amp;')),
        );
        expect(out.replace(/<a href="[^"]*">/g, '').replace(/<img[^>]*>$/, '')).toBe(
          html.replace(/<a href="[^"]*">/g, ''),
        );
      }),
    );
  });
});
