import { describe, expect, it } from 'vitest';
import { unsubscribePageHtml } from './unsubscribe-page.html.js';

describe('unsubscribePageHtml', () => {
  it('asks before it unsubscribes, posting back to the same link', () => {
    const html = unsubscribePageHtml({
      kind: 'confirm',
      workspace: 'Demo shop',
      token: 'abc.def',
      alreadyOut: false,
      topic: null,
    });
    expect(html).toContain('Stop receiving marketing e-mails from Demo shop?');
    expect(html).toContain('<form method="post" action="/u/abc.def">');
    expect(html).not.toContain('<script');
  });

  it("escapes the workspace's name", () => {
    const html = unsubscribePageHtml({
      kind: 'done',
      workspace: '<b>Shop</b> & "co"',
      topic: null,
    });
    expect(html).toContain('&lt;b&gt;Shop&lt;/b&gt; &amp; &quot;co&quot;');
    expect(html).not.toContain('<b>Shop');
  });

  it("offers to leave the e-mail's topic only, or all marketing e-mail", () => {
    const page = {
      kind: 'confirm',
      workspace: 'Demo shop',
      token: 'abc.def',
      alreadyOut: false,
      topic: { name: 'Weekly <deals>', alreadyOut: false },
    } as const;
    const html = unsubscribePageHtml(page);
    expect(html).toContain('Stop receiving “Weekly &lt;deals&gt;” e-mails from Demo shop?');
    expect(html).toContain('<input type="hidden" name="scope" value="topic">');
    expect(html).toContain('Unsubscribe from “Weekly &lt;deals&gt;”</button>');
    expect(html).toContain('Unsubscribe from all marketing e-mail</button>');
    // Left the topic already: only "all" is offered.
    const out = unsubscribePageHtml({ ...page, topic: { name: 'Weekly', alreadyOut: true } });
    expect(out).toContain('You no longer receive “Weekly” e-mails from Demo shop.');
    expect(out).not.toContain('value="topic"');
    expect(out).toContain('value="all"');
    expect(
      unsubscribePageHtml({ kind: 'done', workspace: 'Demo shop', topic: 'Weekly' }),
    ).toContain('You will not receive “Weekly” e-mails from Demo shop any more.');
  });

  it('says when a link is a preview or not valid', () => {
    expect(unsubscribePageHtml({ kind: 'preview' })).toContain('unsubscribes no one');
    expect(unsubscribePageHtml({ kind: 'invalid' })).toContain('not valid');
  });
});
