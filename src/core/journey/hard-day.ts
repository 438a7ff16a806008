/** When a check-in counts as hard, and which journey's hard-day page a space leads to. */

/** Safety at or below this (of 10) counts as a hard day, whatever the day was marked. */
export const HARD_SAFETY_AT_MOST = 3;

/** A check-in marked hard, or with safety at 3 or below, earns its author a way to the hard-day page. */
export function isHardCheckin(checkin: { day: string | null; safety: number | null }): boolean {
  // Null: numbers the reader may not see (the author always sees their own).
  return checkin.day === 'hard' || (checkin.safety !== null && checkin.safety <= HARD_SAFETY_AT_MOST);
}

/**
 * The journey whose hard-day page a space's "hard day" link opens: the most recently opened
 * journey still open, else the most recently opened one; null when the space has none yet.
 */
export function hardDayJourney(journeys: ReadonlyArray<{ id: string; openedAt: string; closedAt: string | null }>): string | null {
  const newestFirst = [...journeys].sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0));
  return (newestFirst.find((j) => j.closedAt === null) ?? newestFirst[0])?.id ?? null;
}
