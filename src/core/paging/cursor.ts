/**
 * Keyset paging for every list Mend returns (docs/api.md "Lists and paging"). A cursor is the
 * sort key of the last item of a page, so a page never skips or repeats an item when new ones
 * are written meanwhile (an offset would shift under inserts). It is opaque to clients: base64url
 * of a JSON array of strings, checked on the way in so a bad one is a 400, never a 500.
 */

/** The sort key of one item, in the list's order (for example [createdAt, id]). */
export type PageKey = readonly string[];

export interface Page<T> {
  items: T[];
  /** The key of the last item when more may follow; null on the last page. */
  next: PageKey | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** No sort key Mend uses is longer than an ISO instant or an id; a cursor can be no bigger. */
const MAX_PART = 64;

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key a cursor holds, or null when it is not one Mend could have made for a key of `parts` strings. */
export function decodeCursor(cursor: string, parts: number): PageKey | null {
  if (cursor.length > 4 * parts * (MAX_PART + 3) || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== parts) return null;
  // Keys are instants and ids: printable text only (PostgreSQL refuses a NUL in a parameter).
  if (!value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_PART && /^[\x20-\x7e]+$/.test(v))) return null;
  return value as string[];
}

/** A requested page size, kept between 1 and MAX_PAGE_SIZE; absent means DEFAULT_PAGE_SIZE. */
export function pageSize(requested: number | undefined): number {
  if (requested === undefined || !Number.isFinite(requested)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(requested)));
}

/**
 * A page from rows read with one more than the page size: the extra row only says that more
 * follow, so the last page is known without a second query.
 */
export function pageOf<T>(rows: T[], size: number, keyOf: (item: T) => PageKey): Page<T> {
  if (rows.length <= size) return { items: rows, next: null };
  const items = rows.slice(0, size);
  return { items, next: keyOf(items[items.length - 1]!) };
}

export interface PageRequest {
  after: PageKey | null;
  size: number;
}

export const FIRST_PAGE: PageRequest = { after: null, size: DEFAULT_PAGE_SIZE };
