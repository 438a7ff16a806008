import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { factorBoundary, fold, sentenceEnd, sentenceStart, tidyFindings, topLevelAlternatives } from './text.js';

test('fold lower-cases and straightens quotes without changing length', () => {
  assert.equal(fold('You’re “SURE”'), 'you\'re "sure"');
  assert.equal(fold('İ'), 'İ'); // its lower case has two code units, so it is kept
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      assert.equal(fold(s).length, s.length);
    }),
  );
});

test('sentence bounds', () => {
  const t = 'One. Two three! Four';
  assert.equal(sentenceStart(t, 7), 4);
  assert.equal(sentenceEnd(t, 7), 14);
  assert.equal(sentenceEnd(t, 17), t.length);
});

test('tidyFindings orders and drops same-type overlaps', () => {
  const f = (type: string, start: number, end: number) => ({ type, start, end, excerpt: '', explanation: 'x' });
  assert.deepEqual(
    tidyFindings([f('a', 5, 9), f('a', 0, 3), f('a', 1, 2), f('b', 1, 2)]).map((x) => [x.type, x.start]),
    [
      ['a', 0],
      ['b', 1],
      ['a', 5],
    ],
  );
});

test('top-level alternatives respect groups, classes and escapes', () => {
  assert.deepEqual(topLevelAlternatives('\\ba(?:b|c)|[|]d|\\|e|f'), ['\\ba(?:b|c)', '[|]d', '\\|e', 'f']);
});

test('factoring the word boundary out of an alternation keeps every match', () => {
  const original = /\bab|\bcd(?:e|f)?|\ba b\b|,\s*x\b/g;
  const factored = factorBoundary(original);
  assert.equal(factored.source, '\\b(?:ab|cd(?:e|f)?|a b\\b)|,\\s*x\\b');
  const mixed = /\bab|\bcd|ef/g; // a bare word alternative could compete for the same position
  assert.equal(factorBoundary(mixed), mixed);
  const all = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'x', ' ', ',', '.') }), (s) => {
      assert.deepEqual(all(factored, s), all(original, s));
    }),
  );
});
