import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeMessage } from './index.js';

test('builds the when and need from a "you never" message', () => {
  const r = analyzeMessage('You never ask how I am.');
  assert.equal(r.suggestion, "I feel [hurt] when you don't ask how I am, because [why it matters to you]. I need you to ask how I am.");
});

test('builds the when from a "you always" message', () => {
  const r = analyzeMessage('You always put your phone before me.');
  assert.match(r.suggestion ?? '', /^I feel \[hurt\] when you put your phone before me, because/);
});

test("uses the writer's own feeling word when there is one", () => {
  const r = analyzeMessage("I'm so angry. You never tell me the truth.");
  assert.match(r.suggestion ?? '', /^I feel angry when you don't tell me the truth/);
});

test('falls back to a frame with blanks', () => {
  const r = analyzeMessage('You disgust me.');
  assert.equal(
    r.suggestion,
    'I feel [hurt] when [one specific moment: what happened, and when], because [why it matters to you]. I need [one thing you would like instead].',
  );
});

test('a past form after "never" is not turned into "you don\'t"', () => {
  const r = analyzeMessage('You never once thought about the kids.');
  assert.match(r.suggestion ?? '', /when \[one specific moment/);
});

test('only harsh messages get a suggestion', () => {
  assert.equal(analyzeMessage('I miss you.').suggestion, undefined);
});
