/** Escapes text for an HTML attribute value in double quotes. */
function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** The text of an attribute value as written in HTML (the entities a template escapes). */
function unescapeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/gi, '=')
    .replace(/&#x60;/gi, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** `<a ... href="...">` (either quote); group 1 is what comes before the value. */
const ANCHOR_HREF = /(<a\b[^>]*?\bhref\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi;

/** How to make the tracked form of a link and the open pixel's address. */
export interface Tracking {
  clickUrl(url: string): string;
  openUrl: string;
  /** Links left as they are: the unsubscribe link and the preference center. */
  keep(url: string): boolean;
}

/**
 * The HTML of an e-mail with opens and clicks counted: each `<a href>` to an http(s) address
 * goes through its click link (which redirects there), and a 1x1 image loads the open
 * pixel, before `</body>` or at the end. Links to anything else (mailto:, tel:, #anchors,
 * a template's own placeholders) and the ones `keep` names are left as they are.
 */
export function withTracking(html: string, tracking: Tracking): string {
  const linked = html.replace(
    ANCHOR_HREF,
    (whole, before: string, doubleQuoted?: string, singleQuoted?: string) => {
      const url = unescapeAttribute((doubleQuoted ?? singleQuoted ?? '').trim());
      if (!/^https?:\/\//i.test(url) || tracking.keep(url)) return whole;
      return `${before}"${escapeAttribute(tracking.clickUrl(url))}"`;
    },
  );
  const pixel = `<img src="${escapeAttribute(tracking.openUrl)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0">`;
  const end = linked.toLowerCase().lastIndexOf('</body>');
  return end === -1 ? `${linked}${pixel}` : `${linked.slice(0, end)}${pixel}${linked.slice(end)}`;
}
