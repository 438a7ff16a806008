/**
 * Device tokens (OWASP, "Slow down online guessing attacks with device cookies"): a browser that
 * has signed in to an account keeps a token that names neither the account nor the person, and
 * proves with a MAC over (account, token id, expiry) that Mend issued it for that account. A
 * sign-in that shows one is judged by its own small limit instead of the account's lockout, so
 * someone guessing from elsewhere cannot lock the owner out of their own browser.
 *
 * The MAC is passed in (a keyed hash under the server's index key), so this module stays pure.
 */
export type Mac = (message: string) => string;

/** How long a browser stays known without signing in again. */
export const DEVICE_TOKEN_DAYS = 90;
/** A browser shared by a few people keeps one token each; older ones fall out. */
export const DEVICE_TOKENS_KEPT = 4;
const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,64}\.[0-9]{1,12}\.[0-9a-f]{64}$/;
const SEPARATOR = '~';

const message = (accountId: string, id: string, expires: string): string => `${accountId}|${id}|${expires}`;

/** A token for `accountId` with the random `id`, valid DEVICE_TOKEN_DAYS from `now`. */
export function issueDeviceToken(accountId: string, id: string, now: Date, mac: Mac): string {
  const expires = String(Math.floor((now.getTime() + DEVICE_TOKEN_DAYS * DAY_MS) / 1000));
  return `${id}.${expires}.${mac(message(accountId, id, expires))}`;
}

/** The token's id when it was issued for `accountId` and has not expired; null otherwise. */
export function deviceTokenFor(token: string, accountId: string, now: Date, mac: Mac): string | null {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [id, expires, tag] = token.split('.') as [string, string, string];
  if (Number(expires) * 1000 <= now.getTime()) return null;
  return equalHex(mac(message(accountId, id, expires)), tag) ? id : null;
}

/** The tokens a cookie holds (at most DEVICE_TOKENS_KEPT well-formed ones). */
export function readDeviceCookie(value: string | undefined): string[] {
  if (!value || value.length > 2000) return [];
  return value
    .split(SEPARATOR)
    .filter((t) => TOKEN_SHAPE.test(t))
    .slice(0, DEVICE_TOKENS_KEPT);
}

/**
 * The cookie after `accountId` signed in with `fresh`: the fresh token first, the account's older
 * ones gone, other accounts' unexpired tokens kept (a shared browser), at most DEVICE_TOKENS_KEPT.
 */
export function writeDeviceCookie(tokens: string[], fresh: string, accountId: string, now: Date, mac: Mac): string {
  const others = tokens.filter((t) => t !== fresh && deviceTokenFor(t, accountId, now, mac) === null && !expired(t, now));
  return [fresh, ...others].slice(0, DEVICE_TOKENS_KEPT).join(SEPARATOR);
}

function expired(token: string, now: Date): boolean {
  return Number(token.split('.')[1]) * 1000 <= now.getTime();
}

/** Compares two hex strings in time that does not depend on where they differ. */
function equalHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
