import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { answeredVisibility, chosenNoteVisibility, chosenVisibility } from './chosen.js';
import { VISIBILITIES, type Visibility } from './text-visibility.js';

test('an answer is kept as it is', () => {
  assert.equal(chosenVisibility(['private', 'shared'], 'shared'), 'shared');
  assert.equal(chosenVisibility(['private', 'shared'], 'private'), 'private');
});

test('with a choice to make and no answer, nothing is chosen — not private, not shared', () => {
  assert.equal(chosenVisibility(['private', 'shared'], undefined), null);
  assert.equal(chosenVisibility(['shared', 'private'], undefined), null);
});

test('with only one visibility allowed there is nothing to choose', () => {
  assert.equal(chosenVisibility(['sealed'], undefined), 'sealed');
  assert.equal(chosenVisibility(['shared'], undefined), 'shared');
});

test('a form answer counts only when it is one of the allowed ones', () => {
  assert.equal(answeredVisibility(['private', 'shared'], 'shared'), 'shared');
  assert.equal(answeredVisibility(['private', 'shared'], ''), undefined);
  assert.equal(answeredVisibility(['private', 'shared'], 'sealed'), undefined);
  assert.equal(answeredVisibility(['private', 'shared'], 'SHARED'), undefined);
});

const allowedSets = fc.subarray([...VISIBILITIES], { minLength: 1 });

test('property: a text is shared only when its author answered "shared", or shared is all there is', () => {
  fc.assert(
    fc.property(allowedSets, fc.option(fc.constantFrom(...VISIBILITIES), { nil: undefined }), (allowed, answer) => {
      const chosen = chosenVisibility<Visibility>(allowed, answer);
      if (chosen === 'shared') assert.ok(answer === 'shared' || (answer === undefined && allowed.length === 1 && allowed[0] === 'shared'));
      // Unanswered with a real choice is always null; answered is never null.
      assert.equal(chosen === null, answer === undefined && allowed.length > 1);
    }),
  );
});

test('property: whatever a form sends, the result is an allowed visibility or no answer', () => {
  fc.assert(
    fc.property(allowedSets, fc.oneof(fc.constantFrom(...VISIBILITIES, ''), fc.string()), (allowed, raw) => {
      const answer = answeredVisibility<Visibility>(allowed, raw);
      assert.ok(answer === undefined || allowed.includes(answer));
    }),
  );
});

test('a note is private or shared only when the author picked it', () => {
  assert.equal(chosenNoteVisibility('private'), 'private');
  assert.equal(chosenNoteVisibility('shared'), 'shared');
  assert.equal(chosenNoteVisibility(''), null);
  assert.equal(chosenNoteVisibility('sealed'), null);
});
