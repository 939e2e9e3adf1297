import { describe, expect, it } from 'vitest';
import { unsubscribePageHtml } from './unsubscribe-page.html.js';

describe('unsubscribePageHtml', () => {
  it('asks before it unsubscribes, posting back to the same link', () => {
    const html = unsubscribePageHtml({
      kind: 'confirm',
      workspace: 'Demo shop',
      token: 'abc.def',
      alreadyOut: false,
    });
    expect(html).toContain('Stop receiving marketing e-mails from Demo shop?');
    expect(html).toContain('<form method="post" action="/u/abc.def">');
    expect(html).not.toContain('<script');
  });

  it("escapes the workspace's name", () => {
    const html = unsubscribePageHtml({ kind: 'done', workspace: '<b>Shop</b> & "co"' });
    expect(html).toContain('&lt;b&gt;Shop&lt;/b&gt; &amp; &quot;co&quot;');
    expect(html).not.toContain('<b>Shop');
  });

  it('says when a link is a preview or not valid', () => {
    expect(unsubscribePageHtml({ kind: 'preview' })).toContain('unsubscribes no one');
    expect(unsubscribePageHtml({ kind: 'invalid' })).toContain('not valid');
  });
});
