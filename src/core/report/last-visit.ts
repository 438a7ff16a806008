/**
 * "Since your last visit", for a therapist's session summary. A visit is a run of views of one
 * couple's space (the therapist access log) with no pause of VISIT_GAP_MINUTES or more between
 * one view and the next: opening the space, then the journey, then the summary is one visit. The
 * **last visit** is the one before the visit now going on, and the summary shows what changed
 * after it ended (its last view). With no earlier visit, everything so far is new.
 */
export const VISIT_GAP_MINUTES = 120;

export interface Visits {
  /** When the visit now going on began (its first view, or `now` when this is its first). */
  readonly currentSince: string;
  /** The last view of the visit before this one; null on a first visit. */
  readonly lastVisitEnded: string | null;
}

/** `views`: ISO instants of the therapist's earlier views of this space, in any order. */
export function visitsOf(views: readonly string[], now: string, gapMinutes = VISIT_GAP_MINUTES): Visits {
  const gap = gapMinutes * 60_000;
  const times = views
    .map((v) => ({ iso: v, ms: Date.parse(v) }))
    .filter((v) => !Number.isNaN(v.ms) && v.ms <= Date.parse(now))
    .sort((a, b) => b.ms - a.ms);
  let current = { iso: now, ms: Date.parse(now) };
  for (const t of times) {
    if (current.ms - t.ms >= gap) return { currentSince: current.iso, lastVisitEnded: t.iso };
    current = t;
  }
  return { currentSince: current.iso, lastVisitEnded: null };
}

/** The items that happened after `since` (all of them when null), oldest first. */
export function changedSince<T>(items: readonly T[], at: (item: T) => string | null, since: string | null): T[] {
  return items
    .map((item) => ({ item, at: at(item) }))
    .filter((x): x is { item: T; at: string } => x.at !== null && (since === null || x.at > since))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((x) => x.item);
}

/** Things dated by day only (a red flag's `raisedOn`): those on or after the day of `since`, which may include one already seen that day. */
export function datedSince<T>(items: readonly T[], on: (item: T) => string, since: string | null): T[] {
  if (since === null) return [...items];
  const day = new Date(Date.parse(since)).toISOString().slice(0, 10);
  return items.filter((item) => on(item) >= day);
}

export interface VerdictChange<V extends string> {
  readonly partnerId: string;
  readonly measure: string;
  readonly before: V;
  readonly now: V;
}

/** Each partner's and measure's verdict that differs between the two readings; a pair missing from either is left out. */
export function verdictChanges<V extends string>(
  before: ReadonlyArray<{ partnerId: string; verdicts: Readonly<Record<string, V>> }>,
  now: ReadonlyArray<{ partnerId: string; verdicts: Readonly<Record<string, V>> }>,
): VerdictChange<V>[] {
  const out: VerdictChange<V>[] = [];
  for (const n of now) {
    const b = before.find((x) => x.partnerId === n.partnerId);
    if (!b) continue;
    for (const [measure, verdict] of Object.entries(n.verdicts)) {
      const was = b.verdicts[measure];
      if (was !== undefined && was !== verdict) out.push({ partnerId: n.partnerId, measure, before: was, now: verdict });
    }
  }
  return out;
}
