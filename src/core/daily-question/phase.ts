import type { Phase } from './library.js';

/** A journey as the phase rule needs it: whether it is closed, and the state of each step. */
export interface JourneyReach {
  readonly closed: boolean;
  readonly steps: readonly { readonly number: number; readonly status: 'locked' | 'open' | 'done' }[];
}

/** How far a journey has come: the highest step that is open or done (0 when none is). */
export const reachOf = (j: JourneyReach): number =>
  j.steps.reduce((most, s) => (s.status !== 'locked' && s.number > most ? s.number : most), 0);

/** Steps 1–2 are the rawest time; 3–5 rebuild; 6–7 reconnect (docs/daily-question.md). */
export function phaseOfReach(reach: number): Phase {
  if (reach <= 2) return 'early';
  if (reach <= 5) return 'rebuilding';
  return 'reconnecting';
}

/**
 * The couple's phase of repair, from their journeys. With several journeys under way the
 * gentlest counts: a new breach makes the questions gentle again, whatever older repair came
 * before. Without any journey the questions are gentle; with only finished ones they reconnect.
 */
export function phaseOf(journeys: readonly JourneyReach[]): Phase {
  const open = journeys.filter((j) => !j.closed);
  if (open.length === 0) return journeys.length > 0 ? 'reconnecting' : 'early';
  return phaseOfReach(Math.min(...open.map(reachOf)));
}
