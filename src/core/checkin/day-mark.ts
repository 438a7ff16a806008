/** How a partner's day was, given with a check-in: one of these words, or none. */
export const DAY_MARKS = ['good', 'mixed', 'hard'] as const;
export type DayMark = (typeof DAY_MARKS)[number];

export const isDayMark = (v: unknown): v is DayMark => typeof v === 'string' && (DAY_MARKS as readonly string[]).includes(v);
