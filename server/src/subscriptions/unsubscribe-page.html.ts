import Handlebars from 'handlebars';

export const escapeHtml = (text: string): string => Handlebars.Utils.escapeExpression(text);

/** What the unsubscribe page says. */
export type UnsubscribePage =
  /**
   * A valid link, before the customer confirmed: `alreadyOut` of all marketing e-mail;
   * `topic`, the subscription topic the e-mail went out under, if it had one.
   */
  | {
      kind: 'confirm';
      workspace: string;
      token: string;
      alreadyOut: boolean;
      topic: { name: string; alreadyOut: boolean } | null;
    }
  /** Unsubscribed: from the topic named, or from all marketing e-mail (`topic` null). */
  | { kind: 'done'; workspace: string; token: string; topic: string | null }
  /** A link from a preview or a test send. */
  | { kind: 'preview' }
  | { kind: 'invalid' };

export const ACCOUNT_MAIL = 'Receipts and other messages about your account still reach you.';

/** The page's own policy: no scripts, its inline style, forms back to itself only. */
export const UNSUBSCRIBE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

/** The unsubscribe page: plain HTML served by the server (no web app, no script). */
export function unsubscribePageHtml(page: UnsubscribePage): string {
  return layout(titleOf(page), `${bodyOf(page)}${preferencesLink(page)}`);
}

/** Where a customer with a valid link chooses per topic, or subscribes again. */
function preferencesLink(page: UnsubscribePage): string {
  if (page.kind !== 'confirm' && page.kind !== 'done') return '';
  const href = `/u/${encodeURIComponent(page.token)}/preferences`;
  return `\n<p class="muted"><a href="${href}">Manage your e-mail preferences</a></p>`;
}

function titleOf(page: UnsubscribePage): string {
  switch (page.kind) {
    case 'confirm':
      return page.alreadyOut || page.topic?.alreadyOut ? 'You are unsubscribed' : 'Unsubscribe';
    case 'done':
      return 'You are unsubscribed';
    case 'preview':
      return 'Unsubscribe link (preview)';
    case 'invalid':
      return 'Link not valid';
    default: {
      const unknown: never = page;
      return String(unknown);
    }
  }
}

function bodyOf(page: UnsubscribePage): string {
  switch (page.kind) {
    case 'confirm': {
      const from = escapeHtml(page.workspace);
      const action = `/u/${encodeURIComponent(page.token)}`;
      const button = (scope: 'topic' | 'all', label: string, secondary = false) =>
        `<form method="post" action="${action}">
  <input type="hidden" name="confirm" value="1">
  <input type="hidden" name="scope" value="${scope}">
  <button type="submit"${secondary ? ' class="secondary"' : ''}>${escapeHtml(label)}</button>
</form>`;
      if (page.alreadyOut)
        return `<p>You no longer receive marketing e-mails from ${from}.</p>
<p class="muted">${ACCOUNT_MAIL}</p>`;
      const topic = page.topic;
      if (!topic)
        return `<p>Stop receiving marketing e-mails from ${from}?</p>
${button('all', 'Unsubscribe')}
<p class="muted">${ACCOUNT_MAIL}</p>`;
      const name = escapeHtml(topic.name);
      const all = button('all', 'Unsubscribe from all marketing e-mail', !topic.alreadyOut);
      if (topic.alreadyOut)
        return `<p>You no longer receive “${name}” e-mails from ${from}. Their other marketing e-mails still reach you.</p>
${all}
<p class="muted">${ACCOUNT_MAIL}</p>`;
      return `<p>Stop receiving “${name}” e-mails from ${from}? Their other e-mails still reach you.</p>
${button('topic', `Unsubscribe from “${topic.name}”`)}
<p>Or stop all of their marketing e-mails:</p>
${all}
<p class="muted">${ACCOUNT_MAIL}</p>`;
    }
    case 'done':
      return page.topic
        ? `<p>You will not receive “${escapeHtml(page.topic)}” e-mails from ${escapeHtml(page.workspace)} any more. Their other e-mails still reach you.</p>
<p class="muted">${ACCOUNT_MAIL}</p>`
        : `<p>You will not receive marketing e-mails from ${escapeHtml(page.workspace)} any more.</p>
<p class="muted">${ACCOUNT_MAIL}</p>`;
    case 'preview':
      return `<p>This link comes from a preview or a test send. In a real e-mail it unsubscribes the customer it was sent to; this one unsubscribes no one.</p>`;
    case 'invalid':
      return `<p>This unsubscribe link is not valid: it may have been cut short. Open it from the e-mail again, or reply to the e-mail to ask to be unsubscribed.</p>`;
    default: {
      const unknown: never = page;
      return String(unknown);
    }
  }
}

/** The public pages' frame: one card, inline style, no script. */
export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; background: #f6f7f9; color: #1f2937; margin: 0; }
  main { max-width: 28rem; margin: 12vh auto; background: #fff; border: 1px solid #e5e7eb;
         border-radius: 12px; padding: 2rem; box-shadow: 0 1px 3px rgb(0 0 0 / 6%); }
  h1 { font-size: 1.35rem; margin: 0 0 1rem; }
  button { font: inherit; font-weight: 600; color: #fff; background: #4f46e5; border: 0;
           border-radius: 8px; padding: .6rem 1.2rem; cursor: pointer; }
  button.secondary { color: #4f46e5; background: #fff; border: 1px solid #c7d2fe; }
  form { margin: 0 0 1rem; }
  .muted { color: #6b7280; font-size: .9rem; }
  a { color: #4f46e5; }
  .choice { display: flex; gap: .6rem; align-items: flex-start; margin: 0 0 .9rem; }
  .choice input { margin-top: .3rem; }
  fieldset { border: 0; border-top: 1px solid #e5e7eb; margin: 0 0 1rem; padding: .8rem 0 0; }
  legend { font-weight: 600; padding-right: .5rem; }
  .saved { color: #047857; font-weight: 600; }
</style>
</head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>
`;
}
