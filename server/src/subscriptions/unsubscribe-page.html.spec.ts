import { describe, expect, it } from 'vitest';
import { preferencesPageHtml } from './preferences-page.html.js';
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
      token: 't.k',
      topic: null,
    });
    // And offers the preference center of the same link.
    expect(html).toContain('<a href="/u/t.k/preferences">Manage your e-mail preferences</a>');
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
      unsubscribePageHtml({ kind: 'done', workspace: 'Demo shop', token: 't.k', topic: 'Weekly' }),
    ).toContain('You will not receive “Weekly” e-mails from Demo shop any more.');
  });

  it('draws the preference center: ticked is subscribed, escaped, posting back to itself', () => {
    const html = preferencesPageHtml({
      workspace: 'Demo shop',
      token: 'abc.def',
      email: true,
      topics: [
        { topicId: 't1', name: 'Weekly <deals>', description: 'Mondays', status: 'unsubscribed' },
        { topicId: 't2', name: 'News', description: '', status: 'subscribed' },
      ],
      saved: true,
    });
    expect(html).toContain('<form method="post" action="/u/abc.def/preferences">');
    expect(html).toContain('name="email" value="on" checked>');
    expect(html).toContain('name="topic" value="t1">');
    expect(html).toContain('name="topic" value="t2" checked>');
    expect(html).toContain('<strong>Weekly &lt;deals&gt;</strong>');
    expect(html).toContain('Your preferences are saved.');
    expect(html).not.toContain('<script');
    const none = preferencesPageHtml({
      workspace: 'Demo shop',
      token: 'abc.def',
      email: false,
      topics: [],
      saved: false,
    });
    expect(none).toContain('name="email" value="on">');
    expect(none).not.toContain('<fieldset>');
    expect(none).not.toContain('Your preferences are saved');
  });

  it('says when a link is a preview or not valid', () => {
    expect(unsubscribePageHtml({ kind: 'preview' })).toContain('unsubscribes no one');
    expect(unsubscribePageHtml({ kind: 'invalid' })).toContain('not valid');
  });
});
