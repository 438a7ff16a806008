/**
 * The rules of the `Idempotency-Key` request header (IETF httpapi draft "The Idempotency-Key HTTP
 * Header Field"): what a key may look like, what makes two requests "the same", and what becomes
 * of a key once the first request under it has been answered. Pure: the store and the server
 * plugin do the reading and writing.
 */

/** How long a key and its first answer are kept (the draft suggests at least a day). */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** Longer keys are refused: a UUID is 36 characters, and the key is hashed, never stored. */
export const MAX_KEY_LENGTH = 255;

/** The form field that carries a page form's key (a hidden input, new for every render). */
export const FORM_KEY_FIELD = '_idempotency';

export type ParsedKey = { kind: 'absent' } | { kind: 'key'; key: string } | { kind: 'invalid' };

const SF_STRING = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/;
const BARE = /^[A-Za-z0-9._~:+/=-]+$/;

/**
 * The key a header value names. The draft defines it as a Structured Field String (`"…"`, RFC
 * 8941); an unquoted token is accepted too, because many clients send their keys that way.
 */
export function parseIdempotencyKey(value: string | undefined): ParsedKey {
  if (value === undefined) return { kind: 'absent' };
  const trimmed = value.trim();
  const quoted = SF_STRING.exec(trimmed);
  const key = quoted ? quoted[1]!.replace(/\\(["\\])/g, '$1') : BARE.test(trimmed) ? trimmed : null;
  if (key === null || key.length === 0 || key.length > MAX_KEY_LENGTH) return { kind: 'invalid' };
  return { kind: 'key', key };
}

/** JSON with every object's keys in order, so `{a, b}` and `{b, a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What "the same request" means: the method, the path with its query, and the body, leaving out
 * the fields that change with every render of a form without changing what is asked (its CSRF
 * token and its key).
 */
export function requestFingerprintInput(method: string, url: string, body: unknown, ignoredFields: readonly string[] = []): string {
  const content =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([k]) => !ignoredFields.includes(k)))
      : body;
  return `${method.toUpperCase()} ${url}\n${canonicalJson(content ?? null)}`;
}

/** A key already claimed, as the store holds it. */
export interface ClaimedKey {
  fingerprint: string;
  /** The first answer's status; null while the first request has no answer Mend could keep. */
  status: number | null;
}

export type Arrival = 'replay' | 'different_request' | 'not_settled';

/** What a request meets when its key was claimed before: the first answer, a 422, or a 409. */
export function arrivalAt(existing: ClaimedKey, fingerprint: string): Arrival {
  if (existing.fingerprint !== fingerprint) return 'different_request';
  return existing.status === null ? 'not_settled' : 'replay';
}

export type Settlement = 'keep' | 'release' | 'hold';

/**
 * What becomes of a key once its first request is answered with `status`:
 * - 2xx and 3xx: the write happened; the answer is kept and given again to the same request.
 * - 4xx: the request was refused before writing (invalid, forbidden, conflicting), so the key is
 *   let go and may be sent again, corrected or not.
 * - 5xx: Mend cannot tell whether the write committed (an outage can come while COMMIT is on its
 *   way), so the key stays claimed without an answer: repeating it answers 409 rather than risk a
 *   second copy.
 */
export function settlementFor(status: number): Settlement {
  if (status >= 200 && status < 400) return 'keep';
  if (status >= 400 && status < 500) return 'release';
  return 'hold';
}

/** When a key claimed at `now` may be forgotten. */
export function expiryOf(now: Date): Date {
  return new Date(now.getTime() + IDEMPOTENCY_KEY_HOURS * 60 * 60 * 1000);
}
