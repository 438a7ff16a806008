import assert from 'node:assert/strict';
import { json } from './app.js';
import type { Person } from './api-client.js';
import { NOTIFICATION_MESSAGES, type NotificationType } from '../../src/core/notification-types.js';

/** One notification as the API lists it. */
export interface Told {
  type: string;
  message: string;
  link: string;
  spaceId: string | null;
}

/** Everything `p` has been told (newest first, one page is plenty for a test), and the raw body. */
export async function toldTo(p: Person): Promise<{ list: Told[]; body: string }> {
  const res = await p.api.get('/api/v1/me/notifications?limit=100');
  assert.equal(res.statusCode, 200, res.body);
  return { list: json(res).notifications as Told[], body: res.body };
}

/** How many notifications of each type `p` has. */
export async function counts(p: Person): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const n of (await toldTo(p)).list) out[n.type] = (out[n.type] ?? 0) + 1;
  return out;
}

/**
 * `to` has exactly `times` notifications of `type`, in its fixed words and (when given) with
 * `link`; none of `others` has any; no one's words (`canaries`) are in what any of them is told.
 * Answers the newest one of that type.
 */
export async function onlyTold(
  to: Person,
  type: NotificationType,
  others: Person[],
  canaries: string[],
  o: { link?: string; times?: number } = {},
): Promise<Told> {
  const mine = (await toldTo(to)).list.filter((n) => n.type === type);
  assert.equal(mine.length, o.times ?? 1, `${to.displayName} was told "${type}" ${mine.length} times`);
  for (const n of mine) assert.equal(n.message, NOTIFICATION_MESSAGES[type]);
  if (o.link !== undefined) assert.equal(mine[0]!.link, o.link);
  for (const other of others) {
    assert.ok(!(await toldTo(other)).list.some((n) => n.type === type), `${other.displayName} was told "${type}"`);
  }
  for (const p of [to, ...others]) {
    const { body } = await toldTo(p);
    for (const c of canaries) assert.ok(!body.includes(c), `a notification to ${p.displayName} quotes what someone wrote`);
  }
  return mine[0]!;
}

/** Nobody among `people` was told anything new since `before` (from `snapshot`). */
export async function snapshot(people: Person[]): Promise<number[]> {
  return Promise.all(people.map(async (p) => (await toldTo(p)).list.length));
}
