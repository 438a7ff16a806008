/** A request that got no complete answer (connection refused or cut off): nobody was told it was saved. */
export class NetworkError extends Error {}

export interface Answer {
  status: number;
  body: any;
}

export async function call(base: string, token: string | null, method: string, url: string, body?: unknown): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(base + url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new NetworkError(String(error), { cause: error });
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    // The status arrived but the body was cut off: not an acknowledgement we can rely on.
    throw new NetworkError(String(error), { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

/**
 * Every item of a paged list (docs/api.md, "Lists and paging"), following `next` to the end; the
 * status of the first page that did not answer 200, if any. Newest first, as the API lists them.
 */
export async function callAll(base: string, token: string | null, url: string, key: string): Promise<{ status: number; items: any[] }> {
  const items: any[] = [];
  let next: string | null = `${url}${url.includes('?') ? '&' : '?'}limit=200`;
  while (next) {
    const page = await call(base, token, 'GET', next);
    if (page.status !== 200) return { status: page.status, items };
    items.push(...(page.body[key] as any[]));
    next = page.body.next as string | null;
  }
  return { status: 200, items };
}
