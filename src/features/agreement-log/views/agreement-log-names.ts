import type { LogEntryView } from '../service.js';
import type { AgreementFacts } from '../store.js';
import { formatDay } from '../../../platform/web/components/space-pages.js';

/**
 * The agreement log draws the same form once per agreement and per occasion, so "Which day?" or
 * "Confirm" alone would sound the same in every form to someone moving from field to field with a
 * screen reader. Each form's labels and buttons carry, visually hidden, what the form is about:
 * the agreement's short title, or the occasion (its day and agreement). These are those words.
 */

const SHORT = 50;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ordinal = (n: number) =>
  ORDINALS[n - 1] ?? `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

/** The agreement's words, cut at a word before `SHORT` characters: enough to recognise it, short enough to hear often. */
function shortTitle(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim();
  if (words.length <= SHORT) return words;
  const cut = words.lastIndexOf(' ', SHORT);
  return `${words.slice(0, cut > SHORT / 2 ? cut : SHORT).replace(/[\s,.;:–—-]+$/, '')}…`;
}

/**
 * A title per agreement, different for each of `agreements`: the short title; the whole text where
 * two short titles are the same; and where two agreements say exactly the same, their order too.
 */
export function agreementTitles(agreements: readonly AgreementFacts[]): Map<string, string> {
  const short = new Map(agreements.map((a) => [a.id, shortTitle(a.text)]));
  const sharing = (title: (a: AgreementFacts) => string, a: AgreementFacts) => agreements.filter((b) => title(b) === title(a));
  const whole = (a: AgreementFacts) =>
    sharing((b) => short.get(b.id)!, a).length > 1 ? a.text.replace(/\s+/g, ' ').trim() : short.get(a.id)!;
  return new Map(
    agreements.map((a) => {
      const same = sharing(whole, a);
      return [a.id, same.length > 1 ? `${whole(a)}, the ${ordinal(same.indexOf(a) + 1)} of that name` : whole(a)];
    }),
  );
}

/**
 * Occasions' names: their day and their agreement ("Tuesday 3 March, We say where we are when we
 * are late"). Occasions of one agreement logged for the same day are told apart by their order
 * that day, counted over every occasion so a name stays put once an earlier one is confirmed. The
 * occasions are grouped by agreement and day once, so naming each costs the same however long the
 * log is (each name used to look through every occasion: the page grew with the square of the log).
 */
export function occasionNamer(entries: readonly LogEntryView[]): (e: LogEntryView, agreementTitle: string) => string {
  const sameDay = new Map<string, LogEntryView[]>();
  for (const x of entries) {
    const key = `${x.agreementId} ${x.occurredOn}`;
    const group = sameDay.get(key);
    if (group) group.push(x);
    else sameDay.set(key, [x]);
  }
  const sorted = new Set<LogEntryView[]>();
  return (e, agreementTitle) => {
    const group = sameDay.get(`${e.agreementId} ${e.occurredOn}`) ?? [e];
    if (group.length > 1 && !sorted.has(group)) {
      group.sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
      sorted.add(group);
    }
    const which = group.length > 1 ? `the ${ordinal(group.findIndex((x) => x.id === e.id) + 1)} occasion of ` : '';
    return `${which}${formatDay(e.occurredOn)}, ${agreementTitle}`;
  };
}
