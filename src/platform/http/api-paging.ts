import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageSize, type Page, type PageRequest } from '../../core/paging/cursor.js';
import { fail } from '../errors.js';

/** The query every list takes (docs/api.md "Lists and paging"). */
export const PageQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'From the `next` link of the page before; opaque.' })),
    limit: Type.Optional(
      Type.String({
        pattern: '^[1-9][0-9]{0,2}$',
        description: `Items per page, a whole number from 1 to ${MAX_PAGE_SIZE} (50 when absent).`,
      }),
    ),
  },
  { additionalProperties: false },
);

/** The paging field every list carries beside its items: the same shape everywhere. */
export const NextLink = Type.Union([Type.String(), Type.Null()], {
  title: 'PageLinks.next',
  description:
    'The address of the next (older) page, with the same query and a cursor; null on the last page. Follow it until it is null to read the whole list.',
});

/** A list response: the list's own key (as before paging, so clients keep working) and `next`. */
export const Paged = <K extends string, T extends TSchema>(key: K, item: T) =>
  Type.Object({ [key]: Type.Array(item), next: NextLink } as { [P in K]: ReturnType<typeof Type.Array<T>> } & { next: typeof NextLink });

/** What a request asked for; a cursor Mend did not make is a 400 (`invalid_input`), never a 500. */
export function pageRequest(query: { cursor?: string; limit?: string }, keyParts: number): PageRequest {
  const limit = query.limit === undefined ? undefined : Number(query.limit);
  if (limit !== undefined && limit > MAX_PAGE_SIZE) fail('invalid_input', { limit: `At most ${MAX_PAGE_SIZE} items a page.` });
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, keyParts);
  if (query.cursor !== undefined && after === null)
    fail('invalid_input', { cursor: 'This cursor is not one Mend gave. Start again without it, from the first page.' });
  return { after, size: pageSize(limit) };
}

/**
 * The `next` link: the request's own path and limit, with the cursor of the page's last item.
 * `path` names another list when a page of it comes inside a response of its own (an agreement's history);
 * `keep` is the rest of the request's query that chose what the list holds (the agreement log's `month`).
 */
export function nextLink(
  request: FastifyRequest,
  page: Page<unknown>,
  size: number,
  path = request.url.split('?')[0]!,
  keep: Record<string, string> = {},
): string | null {
  if (!page.next) return null;
  return `${path}?${new URLSearchParams({ ...keep, limit: String(size), cursor: encodeCursor(page.next) }).toString()}`;
}
