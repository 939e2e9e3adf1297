import type { TopicSubscriptionView } from '@switchyard/contracts';
import { ACCOUNT_MAIL, escapeHtml, layout } from './unsubscribe-page.html.js';

/** The preference center of a valid link: marketing e-mail, and each topic, on or off. */
export interface PreferencesPage {
  workspace: string;
  token: string;
  email: boolean;
  topics: readonly Pick<TopicSubscriptionView, 'topicId' | 'name' | 'description' | 'status'>[];
  /** The answer to a save. */
  saved: boolean;
}

/**
 * A form the customer saves as a whole: ticked is subscribed. Unticking marketing e-mail
 * stops every topic too; ticking it again (or a topic) subscribes again, so a customer who
 * unsubscribed by mistake can undo it. Plain HTML, no script (UNSUBSCRIBE_PAGE_CSP).
 */
export function preferencesPageHtml(page: PreferencesPage): string {
  const from = escapeHtml(page.workspace);
  const action = `/u/${encodeURIComponent(page.token)}/preferences`;
  const box = (name: string, value: string, checked: boolean, title: string, note: string) =>
    `<label class="choice"><input type="checkbox" name="${name}" value="${escapeHtml(value)}"${checked ? ' checked' : ''}>
  <span><strong>${escapeHtml(title)}</strong>${note ? `<br><span class="muted">${escapeHtml(note)}</span>` : ''}</span></label>`;
  const topics =
    page.topics.length === 0
      ? ''
      : `<fieldset><legend>Topics</legend>
${page.topics
  .map((t) => box('topic', t.topicId, t.status === 'subscribed', t.name, t.description))
  .join('\n')}
</fieldset>`;
  const body = `<p>Choose which e-mails ${from} sends you.</p>
<form method="post" action="${action}">
  <input type="hidden" name="confirm" value="1">
  ${box('email', 'on', page.email, 'Marketing e-mail', page.topics.length > 0 ? 'Unticked, you get none of the topics below either.' : 'Offers and news.')}
  ${topics}
  <button type="submit">Save preferences</button>
</form>
${page.saved ? '<p class="saved" role="status">Your preferences are saved.</p>\n' : ''}<p class="muted">${ACCOUNT_MAIL}</p>`;
  return layout('E-mail preferences', body);
}
