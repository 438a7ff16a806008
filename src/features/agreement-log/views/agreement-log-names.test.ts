import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEntryView } from '../service.js';
import type { AgreementFacts } from '../store.js';
import { agreementTitles, occasionNamer } from './agreement-log-names.js';

const agreement = (id: string, text: string) => ({ id, text }) as AgreementFacts;
const occasion = (id: string, agreementId: string, occurredOn: string, createdAt: string) =>
  ({ id, agreementId, occurredOn, createdAt }) as LogEntryView;

test('each agreement’s title is its own: short, whole where two begin alike, ordered where two say the same', () => {
  const long = 'When one of us will be more than fifteen minutes late, I send a text before the time';
  const titles = agreementTitles([
    agreement('a', 'We say   where we are\nwhen we are late'),
    agreement('b', long),
    agreement('c', 'When one of us will be more than fifteen minutes late, I call before the time'),
    agreement('d', 'I leave my phone face up on the kitchen table from the moment I get home'),
    agreement('e', 'Sunday mornings are ours'),
    agreement('f', 'Sunday mornings are ours'),
  ]);
  assert.equal(titles.get('a'), 'We say where we are when we are late');
  assert.equal(titles.get('b'), long);
  assert.equal(titles.get('d'), 'I leave my phone face up on the kitchen table from…');
  assert.equal(titles.get('e'), 'Sunday mornings are ours, the first of that name');
  assert.equal(titles.get('f'), 'Sunday mornings are ours, the second of that name');
  assert.equal(new Set(titles.values()).size, 6);
});

test('an occasion is named by its day and agreement; two of one day by their order, which stays put', () => {
  const entries = [
    occasion('x2', 'a', '2026-03-03', '2026-03-03T20:00:00Z'),
    occasion('x1', 'a', '2026-03-03', '2026-03-03T08:00:00Z'),
    occasion('y', 'b', '2026-03-03', '2026-03-03T09:00:00Z'),
  ];
  const name = occasionNamer(entries);
  assert.equal(name(entries[1]!, 'Late'), 'the first occasion of Tuesday 3 March, Late');
  assert.equal(name(entries[0]!, 'Late'), 'the second occasion of Tuesday 3 March, Late');
  assert.equal(name(entries[2]!, 'Phones'), 'Tuesday 3 March, Phones');
  // The same day of another year is another day: "Tuesday 3 March" alone does not say the year.
  const years = [occasion('p', 'a', '2026-03-03', '2026-03-03T08:00:00Z'), occasion('q', 'a', '2020-03-03', '2020-03-03T08:00:00Z')];
  assert.equal(occasionNamer(years)(years[0]!, 'Late'), 'Tuesday 3 March, Late');
});
