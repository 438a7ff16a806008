// The checker of acknowledged writes: reads everything back through the API, as each author, and
// compares it with the ledger.
//
// For a check-in day, the stored value must be the last value acknowledged (by the cut-off time)
// or one sent after it; with nothing acknowledged, it may be absent or any value sent. Every
// entry acknowledged by the cut-off must be there with the same text, prompt, author and
// visibility; any other entry must be one that was sent (acknowledged later, or uncertain), whole.
// The cut-off is "now" after a crash, and the moment the backup began for a backup.
import type { Person } from './couples.js';
import { call, callAll } from './http.js';
import { utcDate } from './random.js';
import { Ledger, type CheckinValue } from './writes.js';

export interface Finding {
  kind: 'check-in' | 'entry' | 'read';
  /** The check-in's `${spaceId}|${accountId}|${date}` or the entry's id. */
  id: string;
  problem: string;
}

export interface CheckResult {
  lost: Finding[];
  corrupted: Finding[];
  /** Writes that got no acknowledgement (or came after the cut-off) and were found saved, whole. */
  unacknowledgedFound: number;
  /** Acknowledged writes (by the cut-off) that were read back and matched. */
  verified: number;
}

export const describe = (f: Finding): string => `${f.kind} ${f.id}: ${f.problem}`;

const sameCheckin = (got: any, want: CheckinValue): boolean =>
  got.safety === want.safety &&
  got.trust === want.trust &&
  got.closeness === want.closeness &&
  got.day === want.day &&
  got.note?.text === want.note.text &&
  got.note?.visibility === want.note.visibility;

export async function verify(base: string, people: Person[], ledger: Ledger, cutoff = Number.POSITIVE_INFINITY): Promise<CheckResult> {
  const result: CheckResult = { lost: [], corrupted: [], unacknowledgedFound: 0, verified: 0 };
  const from = utcDate(-3);
  const to = utcDate(1);
  for (const p of people) {
    const res = await call(base, p.token, 'GET', `/api/v1/spaces/${p.spaceId}/checkins?from=${from}&to=${to}`);
    if (res.status !== 200) {
      result.lost.push({ kind: 'read', id: `check-ins of ${p.name}`, problem: `GET answered ${res.status}` });
      continue;
    }
    const stored = new Map<string, any>();
    for (const c of res.body.checkins as any[]) if (c.accountId === p.id) stored.set(Ledger.checkinKey(p, c.date), c);
    for (const [key, history] of ledger.checkins) {
      if (!key.startsWith(`${p.spaceId}|${p.id}|`)) continue;
      const got = stored.get(key);
      stored.delete(key);
      let last = -1;
      history.forEach((s, i) => {
        if (s.ackedAt !== null && s.ackedAt <= cutoff) last = i;
      });
      if (!got) {
        if (last >= 0) result.lost.push({ kind: 'check-in', id: key, problem: 'missing' });
        continue;
      }
      const allowed = last >= 0 ? history.slice(last) : history;
      const match = allowed.findIndex((s) => sameCheckin(got, s.value));
      if (match === 0 && last >= 0) result.verified += 1;
      else if (match >= 0) result.unacknowledgedFound += 1;
      else if (last >= 0)
        result.corrupted.push({ kind: 'check-in', id: key, problem: 'holds neither the acknowledged value nor one sent after it' });
      else result.corrupted.push({ kind: 'check-in', id: key, problem: 'holds a value never sent' });
    }
    for (const key of stored.keys()) result.corrupted.push({ kind: 'check-in', id: key, problem: 'a day nobody wrote' });
  }
  const journeys = new Map<string, Person>();
  for (const p of people) journeys.set(p.journeyId, p);
  for (const [journeyId, p] of journeys) {
    // Every page: a journey outgrows one page of entries in a long run.
    const res = await callAll(base, p.token, `/api/v1/journeys/${journeyId}/entries`, 'entries');
    if (res.status !== 200) {
      result.lost.push({ kind: 'read', id: `entries of journey ${journeyId}`, problem: `GET answered ${res.status}` });
      continue;
    }
    const stored = new Map<string, any>(res.items.map((e) => [e.id, e]));
    for (const [id, want] of ledger.entries) {
      if (want.journeyId !== journeyId) continue;
      const got = stored.get(id);
      stored.delete(id);
      const same =
        got && got.text === want.text && got.prompt === want.prompt && got.authorId === want.author && got.visibility === want.visibility;
      if (want.ackedAt > cutoff) {
        if (!got) continue;
        if (same) result.unacknowledgedFound += 1;
        else result.corrupted.push({ kind: 'entry', id, problem: 'read back differently' });
      } else if (!got) result.lost.push({ kind: 'entry', id, problem: 'missing' });
      else if (!same) result.corrupted.push({ kind: 'entry', id, problem: 'read back differently' });
      else result.verified += 1;
    }
    // Whatever is left was never acknowledged: it must be one of the uncertain writes, whole.
    for (const [id, got] of stored) {
      if (
        ledger.uncertainEntries.some(
          (v) => v.journeyId === journeyId && v.text === got.text && v.author === got.authorId && v.prompt === got.prompt,
        )
      )
        result.unacknowledgedFound += 1;
      else result.corrupted.push({ kind: 'entry', id, problem: 'never sent, or not whole' });
    }
  }
  return result;
}
