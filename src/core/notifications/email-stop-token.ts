/**
 * The link in every email that stops that kind of email, without signing in (RFC 8058's one-click
 * unsubscribe, and a page with one button). The token names the account and the list and carries
 * a MAC over both under a key only the server holds, so it cannot be guessed or changed to stop
 * someone else's emails, and nothing needs storing. It does not expire: a link in an old email
 * must still stop them. It can do nothing but stop emails, which the settings page turns back on.
 *
 * The MAC is passed in (a keyed hash under the server's index key), so this module stays pure.
 */
export type Mac = (message: string) => string;

/** `waiting`: "something is waiting for you"; `reminders`: the check-in and meeting reminders. */
export type EmailList = 'waiting' | 'reminders';

const LETTER: Record<EmailList, string> = { waiting: 'w', reminders: 'r' };
/** An account id (a UUID), the list's letter, and the MAC as base64url: short enough for one path segment. */
const SHAPE = /^([A-Za-z0-9_-]{1,40})\.([wr])\.([A-Za-z0-9_-]{43})$/;

const message = (accountId: string, list: EmailList): string => `email-stop|${accountId}|${list}`;

export function emailStopToken(accountId: string, list: EmailList, mac: Mac): string {
  return `${accountId}.${LETTER[list]}.${tag(mac, accountId, list)}`;
}

/** Who and which list a token stops, or null for anything Mend did not make. */
export function readEmailStopToken(token: string, mac: Mac): { accountId: string; list: EmailList } | null {
  const m = SHAPE.exec(token);
  if (!m) return null;
  const accountId = m[1]!;
  const list: EmailList = m[2] === 'w' ? 'waiting' : 'reminders';
  return equalText(tag(mac, accountId, list), m[3]!) ? { accountId, list } : null;
}

/** The MAC (hex from the server's keyed hash) as base64url. */
const tag = (mac: Mac, accountId: string, list: EmailList): string =>
  Buffer.from(mac(message(accountId, list)), 'hex').toString('base64url');

/** Compares two strings in time that does not depend on where they differ. */
function equalText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
