import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  AGREEMENT_FINDING_TYPES,
  APOLOGY_GUIDANCE,
  COACH_MAX_TEXT,
  MESSAGE_FINDING_TYPES,
  NON_APOLOGY_TYPES,
  analyze,
  analyzeAgreement,
  analyzeApology,
  analyzeMessage,
  type CoachFinding,
  type CoachKind,
} from './index.js';
import { APOLOGY_COMPONENTS } from '../apology-components.js';

// Text that mixes the coach's own vocabulary with arbitrary characters, so rules actually fire.
const words = fc.constantFrom(
  'you',
  "you're",
  'you’re',
  'always',
  'never',
  'I',
  'sorry',
  'if',
  'but',
  'liar',
  'so',
  'selfish',
  'fault',
  'your',
  'oh sure',
  'shut up',
  'try',
  'more',
  'every',
  'day',
  'forgive',
  'me',
  'because',
  'just',
  'a',
  'kiss',
  '.',
  ',',
  '!',
  '?',
  '\n',
  'é',
  '😀',
  'İ',
  '\u2019',
  '"',
  'make me laugh',
);
const coachText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(words, { maxLength: 40 }).map((w) => w.join(' ')),
);
const kinds = fc.constantFrom<CoachKind>('message', 'apology', 'agreement');

function checkSpans(text: string, findings: CoachFinding[]): void {
  let last = -1;
  for (const f of findings) {
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end));
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length);
    assert.equal(text.slice(f.start, f.end), f.excerpt);
    assert.ok(f.start >= last, 'findings are in order');
    last = f.start;
    assert.ok(f.explanation.length > 0 && !f.explanation.includes('\n'));
  }
}

test('never throws, and spans are in bounds and equal their excerpt', () => {
  fc.assert(
    fc.property(kinds, coachText, (kind, text) => {
      checkSpans(text, analyze(kind, text).findings);
    }),
    { numRuns: 1500 },
  );
});

test('is deterministic', () => {
  fc.assert(
    fc.property(kinds, coachText, (kind, text) => {
      assert.deepEqual(analyze(kind, text), analyze(kind, text));
    }),
  );
});

test('harsh iff some harsh finding; suggestion iff harsh', () => {
  fc.assert(
    fc.property(coachText, (text) => {
      const r = analyzeMessage(text);
      const harshFinding = r.findings.some((f) => (MESSAGE_FINDING_TYPES as readonly string[]).includes(f.type));
      assert.equal(r.harsh, harshFinding);
      assert.equal(r.suggestion !== undefined, r.harsh);
    }),
  );
});

test('nonApology iff a non-apology finding; all six components are reported', () => {
  fc.assert(
    fc.property(coachText, (text) => {
      const r = analyzeApology(text);
      assert.equal(
        r.nonApology,
        r.findings.some((f) => (NON_APOLOGY_TYPES as readonly string[]).includes(f.type)),
      );
      assert.deepEqual(Object.keys(r.components), [...APOLOGY_COMPONENTS]);
    }),
  );
});

test('vague iff some finding; question iff vague', () => {
  fc.assert(
    fc.property(coachText, (text) => {
      const r = analyzeAgreement(text);
      assert.ok(r.findings.every((f) => (AGREEMENT_FINDING_TYPES as readonly string[]).includes(f.type)));
      assert.equal(r.vague, r.findings.length > 0);
      assert.equal(r.question !== undefined, r.vague);
    }),
  );
});

test('case and curly apostrophes do not change the verdict', () => {
  fc.assert(
    fc.property(
      kinds,
      fc.array(words, { maxLength: 30 }).map((w) => w.join(' ')),
      (kind, text) => {
        const straight = text.replace(/\u2019/g, "'");
        const a = analyze(kind, straight);
        const b = analyze(kind, straight.replace(/'/g, '\u2019').toUpperCase());
        assert.deepEqual(
          a.findings.map((f) => [f.type, f.start, f.end]),
          b.findings.map((f) => [f.type, f.start, f.end]),
        );
      },
    ),
  );
});

test('handles huge and odd input', () => {
  const huge = 'You always lie. '.repeat(20_000);
  const r = analyzeMessage(huge);
  assert.equal(r.harsh, true);
  checkSpans(huge, r.findings);
  checkSpans('\uD800 you\uDC00 liar', analyzeMessage('\uD800 you\uDC00 liar').findings);
  assert.deepEqual(analyzeMessage(''), { harsh: false, findings: [] });
  assert.equal(analyze('agreement', '').vague, false);
});

test('JSON shapes keep a stable key order', () => {
  assert.deepEqual(Object.keys(analyzeMessage('You never listen.')), ['harsh', 'findings', 'suggestion']);
  assert.deepEqual(Object.keys(analyzeApology('Sorry.')), ['nonApology', 'components', 'findings']);
  assert.deepEqual(Object.keys(analyzeAgreement('I will try.')), ['vague', 'findings', 'question']);
  assert.deepEqual(Object.keys(analyzeMessage('You never listen.').findings[0] ?? {}), ['type', 'start', 'end', 'excerpt', 'explanation']);
});

test('unknown kinds are rejected', () => {
  assert.throws(() => analyze('poem' as CoachKind, 'x'), TypeError);
});

test('exports the text limit and the builder guidance, responsibility and repair first', () => {
  assert.equal(COACH_MAX_TEXT, 10000);
  assert.deepEqual(APOLOGY_GUIDANCE.map((g) => g.key).sort(), [...APOLOGY_COMPONENTS].sort());
  assert.deepEqual(
    APOLOGY_GUIDANCE.filter((g) => g.mattersMost).map((g) => g.key),
    ['responsibility', 'repair'],
  );
});

test('explanations stay gentle', () => {
  const all = [
    ...analyzeMessage("You're a liar. You always lie. It's your fault. Oh sure. Shut up. You disgust me.").findings,
    ...analyzeApology("I'm sorry if you feel that way, but mistakes were made. It was just a kiss. Now you need to forgive me.").findings,
    ...analyzeAgreement('I will try to be more honest.').findings,
  ];
  for (const f of all) {
    assert.doesNotMatch(f.explanation, /\b(?:wrong|bad|must|never say|don.t|shame on)\b/i, f.explanation);
  }
});
