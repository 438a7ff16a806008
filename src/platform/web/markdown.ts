import { Marked, type Tokens } from 'marked';
import { escapeHtml, raw, type SafeHtml } from './html.js';

/**
 * Markdown for Mend's own reviewed content (the guides of issue #25). The files may hold no raw
 * HTML (a schema test checks), and this renderer does not trust them anyway: any HTML in the text
 * is shown as text, a link goes only to a web address, an email address or a page of this site,
 * and an image becomes its description (no page of Mend loads anything from elsewhere).
 */
const SAFE_HREF = /^(?:https?:\/\/|mailto:|\/(?![/\\])|#)/i;

const marked = new Marked({
  async: false,
  gfm: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link): string {
      const text = this.parser.parseInline(token.tokens);
      if (!SAFE_HREF.test(token.href.trim())) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(token.href.trim())}"${title}${/^https?:/i.test(token.href) ? ' rel="noreferrer"' : ''}>${text}</a>`;
    },
    image(token: Tokens.Image): string {
      return escapeHtml(token.text);
    },
  },
});

export function markdownToHtml(markdown: string): SafeHtml {
  return raw(marked.parse(markdown) as string);
}
