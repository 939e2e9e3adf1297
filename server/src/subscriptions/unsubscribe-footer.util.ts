import type { EmailMessage } from '@switchyard/sdk';
import Handlebars from 'handlebars';

/**
 * Every marketing e-mail shows its reader a way out (CAN-SPAM, GDPR, the mailbox providers'
 * bulk-sender rules). A body that already carries the customer's unsubscribe link, because
 * its template has `{{unsubscribe_url}}`, is sent as written; a body without it gets a short
 * footer with the link: in the HTML before `</body>` (or at the end), in the text at the end.
 * Applied to the rendered message, so it holds for built-in and plugin actions alike, and
 * previews show what will be sent.
 */
export function withUnsubscribeLink(email: EmailMessage, url: string): EmailMessage {
  const html = email.html;
  const text = email.text;
  const out: EmailMessage = { ...email };
  if (html !== undefined && !carries(html, url)) out.html = withHtmlFooter(html, url);
  if (text !== undefined && !carries(text, url))
    out.text = `${text.trimEnd()}\n\n${textFooter(url)}`;
  if (html === undefined && text === undefined) out.text = textFooter(url);
  return out;
}

/** Whether a rendered body has the link, written as is or HTML-escaped. */
function carries(body: string, url: string): boolean {
  return body.includes(url) || body.includes(escapeHtml(url));
}

/** The paragraph a marketing e-mail's HTML gets when it has no unsubscribe link. */
export function unsubscribeHtmlFooter(url: string): string {
  return (
    '<p style="margin:24px 0 0;font-size:12px;line-height:18px;color:#6b7280">' +
    `Don't want these e-mails? <a href="${escapeHtml(url)}" style="color:#6b7280">Unsubscribe</a>.</p>`
  );
}

function withHtmlFooter(html: string, url: string): string {
  const footer = unsubscribeHtmlFooter(url);
  const end = html.toLowerCase().lastIndexOf('</body>');
  return end === -1 ? `${html}\n${footer}` : `${html.slice(0, end)}${footer}\n${html.slice(end)}`;
}

function textFooter(url: string): string {
  return `Unsubscribe: ${url}`;
}

/** As `{{unsubscribe_url}}` writes it. */
const escapeHtml = (text: string): string => Handlebars.Utils.escapeExpression(text);
