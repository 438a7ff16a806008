/**
 * What the progress page can say before the charts have anything to draw: how many check-ins each
 * person has, and what appears when. Each threshold is said once for everyone, never once per
 * chart (issue #20). The thresholds are the smoothing's and the trend's own (docs/progress.md §2).
 */
import { SMOOTHING_DAYS, SMOOTHING_MIN_POINTS } from './smoothing.js';
import { MIN_POINTS, MIN_WEEKS, WINDOW_DAYS, type Trend } from './trends.js';

export interface PersonSoFar {
  /** "you" for the viewer, their name for anyone else. */
  readonly name: string;
  readonly you: boolean;
  /** Any one of their measures' trends (a check-in gives all three, so n and weeks are shared). */
  readonly trend: Pick<Trend, 'verdict' | 'n' | 'weeksWithData' | 'smoothed'>;
  /** Their check-ins in the last SMOOTHING_DAYS days, today included. */
  readonly lastSevenDays: number;
}

const checkins = (n: number) => (n === 1 ? '1 check-in' : `${n} check-ins`);
const weeks = (n: number) => (n === 1 ? '1 week' : `${n} weeks`);
const has = (p: PersonSoFar, what: string) => (p.you ? `you have ${what}` : `${p.name} has ${what}`);

function joined(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** One sentence for lines not drawn yet and one for verdicts not reached yet; nothing once all are there. */
export function whatAppearsWhen(people: readonly PersonSoFar[]): string[] {
  const out: string[] = [];
  const noLine = people.filter((p) => p.trend.smoothed.length === 0);
  if (noLine.length)
    out.push(
      `The lines for feeling safe, trust and closeness appear after ${SMOOTHING_MIN_POINTS} check-ins within ${SMOOTHING_DAYS} days; ` +
        `in the last ${SMOOTHING_DAYS} days ${joined(noLine.map((p) => has(p, p.lastSevenDays ? checkins(p.lastSevenDays) : 'none')))}.`,
    );
  const noVerdict = people.filter((p) => p.trend.verdict === 'not_enough_data');
  if (noVerdict.length)
    out.push(
      `Whether each is rising, steady or falling shows after ${MIN_POINTS} check-ins spread over at least ${MIN_WEEKS} of the last ` +
        `${WINDOW_DAYS / 7} weeks; so far ${joined(noVerdict.map((p) => has(p, p.trend.n ? `${checkins(p.trend.n)} in ${weeks(p.trend.weeksWithData)}` : 'none')))}.`,
    );
  return out;
}
