import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '../web/html.js';
import { layout, type LayoutSpace } from '../web/layout.js';
import { sendHtml } from './send-html.js';

export interface PageRender {
  title: string;
  body: (csrfToken: string) => SafeHtml;
  /** The space shown in the header; by default the viewer's first space. */
  space?: LayoutSpace | null;
  scripts?: string[];
  status?: number;
}

/** Renders a page in the shell, with a fresh CSRF token for its forms. */
export async function renderPage(request: FastifyRequest, reply: FastifyReply, page: PageRender): Promise<FastifyReply> {
  const ctx = request.server.mend;
  const csrfToken = reply.generateCsrf();
  let space = page.space;
  if (space === undefined && request.auth) {
    const first = (await ctx.spaces.listForAccount(request.auth.account.id)).find((s) => s.role === 'partner');
    if (first) {
      const full = await ctx.spaces.forMember(request.auth.account.id, first.id);
      space = { id: full.id, name: full.name, partnerNames: full.members.filter((m) => m.role === 'partner').map((m) => m.displayName) };
    }
  }
  // The header's count (issue #18): one indexed count per signed-in page.
  const unread = request.auth ? await ctx.rhythm.notifications.unreadCount(request.auth.account.id) : 0;
  const markup = layout({
    title: page.title,
    quickExitUrl: ctx.config.quickExitUrl,
    viewer: request.auth ? { displayName: request.auth.account.displayName, unread } : null,
    space: space ?? null,
    csrfToken,
    body: page.body(csrfToken),
    path: request.url.split('?')[0] ?? '/',
    ...(page.scripts ? { scripts: page.scripts } : {}),
  });
  return sendHtml(request, reply.status(page.status ?? 200), markup.toString());
}

/**
 * Only same-site paths, so a crafted link cannot send someone elsewhere after signing in; and
 * only printable ASCII, so nothing in it can break out of the Location header (a line break, a
 * control character, a character a header cannot carry). Callers read it before any write, so a
 * refused target never leaves an action half done: the default page is used instead.
 */
export function safeNext(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 300 || !/^[\x21-\x7e]*$/.test(value)) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
