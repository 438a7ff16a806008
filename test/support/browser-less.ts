import type { FastifyInstance } from 'fastify';
import type { Response } from './app.js';

/**
 * Drives the HTML pages the way a browser without JavaScript would: keeps cookies, reads the
 * CSRF token from the last page, posts url-encoded forms and follows nothing automatically.
 */
export class PageClient {
  cookies: Record<string, string> = {};
  lastHtml = '';

  constructor(private readonly app: FastifyInstance) {}

  private remember(res: Response): Response {
    const raw = res.headers['set-cookie'];
    const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
    for (const cookie of list) {
      const [pair] = cookie.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/Expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') delete this.cookies[name!.trim()];
      else this.cookies[name!.trim()] = value;
    }
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) this.lastHtml = res.body;
    return res;
  }

  csrf(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (!match) throw new Error('no CSRF token on the last page');
    return match[1]!;
  }

  async get(url: string): Promise<Response> {
    return this.remember(await this.app.inject({ method: 'GET', url, cookies: this.cookies }));
  }

  async post(
    url: string,
    fields: Record<string, string>,
    options: { withCsrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const body = new URLSearchParams({ ...(options.withCsrf === false ? {} : { _csrf: this.csrf() }), ...fields });
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        cookies: this.cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
        payload: body.toString(),
      }),
    );
  }
}
