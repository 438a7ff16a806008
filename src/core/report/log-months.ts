import { outcomeOf } from '../progress/consistency.js';

/**
 * An agreement log summarised by month, for the record: how many occasions were kept and missed
 * in each calendar month, counted the way the consistency score counts them (an occasion the
 * other partner saw differently counts as they saw it: core/progress/consistency.ts).
 */
export interface LoggedOccasion {
  readonly agreementId: string;
  /** The partner who logged it (the one who committed). */
  readonly loggedBy: string;
  /** `YYYY-MM-DD`. */
  readonly occurredOn: string;
  /** As the partner who logged it said. */
  readonly kept: boolean;
  readonly review: 'confirmed' | 'disputed' | null;
}

export interface MonthTally {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly kept: number;
  readonly missed: number;
  /** Of those, how many the other partner saw differently. */
  readonly seenDifferently: number;
  /** Of those, how many the other partner has not confirmed yet. */
  readonly unconfirmed: number;
}

export interface AgreementMonths {
  readonly agreementId: string;
  readonly loggedBy: string;
  /** Oldest month first; only months with an occasion. */
  readonly months: readonly MonthTally[];
  readonly total: { readonly kept: number; readonly missed: number };
}

/** Per agreement and per partner who logged it (an agreement both committed to has two logs), in the order first met. */
export function logByMonth(occasions: readonly LoggedOccasion[]): AgreementMonths[] {
  const groups = new Map<string, { agreementId: string; loggedBy: string; months: Map<string, MonthTally> }>();
  for (const o of occasions) {
    const key = JSON.stringify([o.agreementId, o.loggedBy]);
    const group = groups.get(key) ?? { agreementId: o.agreementId, loggedBy: o.loggedBy, months: new Map<string, MonthTally>() };
    groups.set(key, group);
    const month = o.occurredOn.slice(0, 7);
    const was = group.months.get(month) ?? { month, kept: 0, missed: 0, seenDifferently: 0, unconfirmed: 0 };
    const counted = outcomeOf({
      occurredOn: o.occurredOn,
      kept: o.kept,
      reportedBy: 'self',
      status: o.review ?? 'unconfirmed',
    }).kept;
    group.months.set(month, {
      month,
      kept: was.kept + (counted ? 1 : 0),
      missed: was.missed + (counted ? 0 : 1),
      seenDifferently: was.seenDifferently + (o.review === 'disputed' ? 1 : 0),
      unconfirmed: was.unconfirmed + (o.review === null ? 1 : 0),
    });
  }
  return [...groups.values()].map((g) => {
    const months = [...g.months.values()].sort((x, y) => (x.month < y.month ? -1 : x.month > y.month ? 1 : 0));
    return {
      agreementId: g.agreementId,
      loggedBy: g.loggedBy,
      months,
      total: { kept: months.reduce((n, m) => n + m.kept, 0), missed: months.reduce((n, m) => n + m.missed, 0) },
    };
  });
}
