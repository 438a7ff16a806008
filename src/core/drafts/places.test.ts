import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PROMPT_KEYS } from '../journey/prompts.js';
import {
  DRAFT_KINDS,
  DRAFT_LIMITS,
  MAX_PLACE_LENGTH,
  apologyPlace,
  checkinNotePlace,
  undatedCheckinNotePlace,
  draftFieldNames,
  draftFields,
  entryPlace,
  hasWords,
  logPlace,
  meetingPlace,
  parsePlace,
  type DraftKind,
} from './places.js';

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);

test('the places the forms build are read back as what they name', () => {
  assert.deepEqual(parsePlace(apologyPlace('j1')), {
    key: 'apology:j1',
    kind: 'apology',
    parent: 'journey',
    parentId: 'j1',
    prompt: null,
    day: null,
  });
  assert.deepEqual(parsePlace(entryPlace('j1', 'what_hurts', null)), {
    key: 'entry:j1:what_hurts',
    kind: 'entry',
    parent: 'journey',
    parentId: 'j1',
    prompt: 'what_hurts',
    day: null,
  });
  // An answer is kept under the question it answers, not under its journey.
  assert.deepEqual(parsePlace(entryPlace('j1', 'answer', 'q7')), {
    key: 'answer:q7',
    kind: 'answer',
    parent: 'entry',
    parentId: 'q7',
    prompt: null,
    day: null,
  });
  assert.equal(parsePlace(meetingPlace('s1'))?.parent, 'space');
  assert.deepEqual(parsePlace(checkinNotePlace('s1', '2026-03-04')), {
    key: 'checkin-note:s1:2026-03-04',
    kind: 'checkin-note',
    parent: 'space',
    parentId: 's1',
    prompt: null,
    day: '2026-03-04',
  });
  assert.notEqual(checkinNotePlace('s1', '2026-03-04'), checkinNotePlace('s1', '2026-03-05'), 'one place a day');
  assert.equal(parsePlace(undatedCheckinNotePlace('s1'))?.day, null, 'the place kept before days still names one');
  assert.equal(parsePlace(logPlace('a1'))?.parent, 'agreement');
});

test('every kind and every id round-trips; a prompt only where a place has one', () => {
  const kinds = Object.keys(DRAFT_KINDS).filter((k) => k !== 'entry') as DraftKind[];
  fc.assert(
    fc.property(fc.constantFrom(...kinds), id, (kind, parentId) => {
      const place = parsePlace(`${kind}:${parentId}`);
      assert.ok(place);
      assert.equal(place.kind, kind);
      assert.equal(place.parentId, parentId);
      assert.equal(place.prompt, null);
      assert.equal(parsePlace(`${kind}:${parentId}:what_hurts`), null);
    }),
  );
  fc.assert(
    fc.property(fc.constantFrom(...PROMPT_KEYS), id, (prompt, journeyId) => {
      const place = parsePlace(`entry:${journeyId}:${prompt}`);
      // Replies have no place of their own: an answer is kept as `answer:<entryId>`.
      if (prompt === 'answer' || prompt === 'trigger_response') assert.equal(place, null);
      else assert.equal(place?.prompt, prompt);
    }),
  );
});

test('anything else names no place, and is refused as null, never thrown', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      const place = parsePlace(s);
      if (place) {
        assert.ok(s.length <= MAX_PLACE_LENGTH);
        assert.equal(place.key, s);
      }
    }),
  );
  for (const bad of [
    '',
    'apology',
    'apology:',
    'apology:a b',
    'apology:../x',
    'unknown:x',
    'constructor:x',
    '__proto__:x',
    'entry:j1',
    'entry:j1:nope',
    'entry:j1:answer',
    'apology:j1:extra',
    'meeting:s1:2026-03-04',
    'checkin-note:s1:2026-02-30',
    'checkin-note:s1:yesterday',
    'checkin-note:s1:2026-03-04:x',
    `apology:${'x'.repeat(65)}`,
  ]) {
    assert.equal(parsePlace(bad), null, bad);
  }
});

test('a draft keeps only its own texts from a form, with line breaks as LF, and leaves out empty ones', () => {
  const { fields, problems } = draftFields(
    'checkin-note',
    { note: 'one\r\ntwo\rthree', visibility: 'shared', _csrf: 't', safety: '4' },
    { strict: false },
  );
  assert.deepEqual(fields, { note: 'one\ntwo\nthree' });
  assert.deepEqual(problems, {});
  assert.deepEqual(draftFields('apology', { 'parts.regret': '  ', 'parts.impact': 'x' }, { strict: false }).fields, {
    'parts.impact': 'x',
  });
  assert.equal(hasWords({}), false);
  assert.equal(hasWords({ a: ' \n ' }), false);
  assert.equal(hasWords({ a: 'x' }), true);
});

test('strictly (the API), a text the place does not have is named; a text too long is named either way', () => {
  const strict = draftFields('entry', { text: 'x', note: 'y', prototype: 'z' }, { strict: true });
  assert.deepEqual(Object.keys(strict.problems).sort(), ['note', 'prototype']);
  assert.deepEqual(strict.fields, { text: 'x' });
  const long = draftFields('checkin-note', { note: 'é'.repeat(DRAFT_LIMITS.note + 1) }, { strict: false });
  assert.match(long.problems.note!, /at most 2,000 characters/);
  assert.deepEqual(long.fields, {});
  assert.deepEqual(draftFields('checkin-note', { note: 42 }, { strict: false }).problems, { note: 'Send the words as text.' });
});

test('the bound is in characters, and a CRLF counts as the one line break a browser counted', () => {
  fc.assert(
    fc.property(fc.constantFrom(...(Object.keys(DRAFT_KINDS) as DraftKind[])), fc.nat({ max: 3 }), fc.boolean(), (kind, extra, crlf) => {
      const [name] = draftFieldNames(kind);
      const max = (DRAFT_KINDS[kind].fields as Record<string, number>)[name!]!;
      const unit = crlf ? 'a\r\n' : '😀';
      const units = Math.floor(max / (crlf ? 2 : 1)) + (extra > 0 ? max : 0);
      const value = unit.repeat(units);
      const result = draftFields(kind, { [name!]: value }, { strict: true });
      const kept = [...value.replace(/\r\n/g, '\n')].length;
      assert.equal(name! in result.problems, kept > max);
      if (kept <= max) assert.equal(result.fields[name!], value.replace(/\r\n/g, '\n'));
    }),
    { numRuns: 40 },
  );
});
