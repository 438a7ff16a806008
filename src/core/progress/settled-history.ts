/**
 * A space's history split at a day: what is settled (every day before `before`, kept between
 * views while the database says nothing in it changed) and what is read again at every view (the
 * days from `before` on). Issue #24: a couple's third year costs a view what their first did.
 * Pure: the keeping and the reading are in features/progress/settled-history.ts.
 */

/** Anything dated by a `YYYY-MM-DD` day. */
export type Dated = { readonly date: string } | { readonly occurredOn: string };

const dayOf = (x: Dated): string => ('date' in x ? x.date : x.occurredOn);

/** The settled part of one history, as of a settled-history revision. */
export interface Settled<T extends Dated> {
  readonly revision: number;
  /** The first day not in `items`: every item is of an earlier day. */
  readonly before: string;
  readonly items: readonly T[];
}

/**
 * What to read to bring `kept` up to `revision` and `before`: nothing (it is current), the days
 * `[kept.before, before)` to add to it (the counter is unchanged and the cut-off moved on), or
 * everything before `before` (nothing kept, something settled changed, or the cut-off went back).
 */
export function settledRead<T extends Dated>(
  kept: Settled<T> | undefined,
  revision: number,
  before: string,
): { kind: 'current' } | { kind: 'extend'; from: string } | { kind: 'all' } {
  if (!kept || kept.revision !== revision || before < kept.before) return { kind: 'all' };
  return kept.before === before ? { kind: 'current' } : { kind: 'extend', from: kept.before };
}

/** `kept` extended by the items of the days `[kept.before, before)`, read in the history's order. */
export function extendSettled<T extends Dated>(kept: Settled<T>, before: string, added: readonly T[]): Settled<T> {
  return { revision: kept.revision, before, items: kept.items.concat(added) };
}

/**
 * The whole history, in the order one read of it gives: the settled items, then the newer ones.
 * Both parts are read in day order and every settled day comes before every newer one, so the
 * concatenation is that order; an item on the wrong side of `before` is a caller's bug.
 */
export function wholeHistory<T extends Dated>(settled: Settled<T>, newer: readonly T[]): T[] {
  for (const item of newer) if (dayOf(item) < settled.before) throw new RangeError('a newer item is of a settled day');
  return settled.items.concat(newer);
}
