import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeApologyWith, analyzeMessageWith, analyzeAgreementWith } from './analyse.js';
import { analyzeAgreement, analyzeApology, analyzeMessage } from './index.js';
import { bestSentence, features, memoryOf, MODEL_HEADS, probability, textProbability, tokens, topWords } from './model.js';
import { COACH_MODELS } from './model-weights.js';
import { fold } from './text.js';

test('texting spellings and contractions share their words with the written-out forms', () => {
  assert.deepEqual(tokens(fold('u r so annoying')), tokens(fold('you are so annoying')));
  assert.deepEqual(tokens(fold("You're not listening")), ['you', 'are', 'not', 'listening']);
  assert.deepEqual(tokens(fold('dont u dare')), ['do', 'not', 'you', 'dare']);
});

test('the shipped weights are small, finite and cover every head', () => {
  const size = JSON.stringify(COACH_MODELS).length;
  assert.ok(size <= 1024 * 1024, `weights ${size} bytes`);
  for (const h of MODEL_HEADS) {
    const m = COACH_MODELS[h];
    assert.ok(Number.isFinite(m.bias) && m.threshold > 0 && m.threshold < 1);
    assert.ok(Object.values(m.weights).every(Number.isFinite));
  }
});

test('probability is a probability and the same text always scores the same', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (s) => {
      const f = features(fold(s));
      const p = probability(COACH_MODELS.harsh, f);
      assert.ok(p > 0 && p < 1);
      assert.equal(p, probability(COACH_MODELS.harsh, features(fold(s))));
      for (const w of topWords(COACH_MODELS.harsh, f)) assert.ok(f.includes(w) || f.includes(`^${w}`));
    }),
  );
});

test('the fast sums equal the plain ones, and the best stretch lies inside the text', () => {
  const word = fc.constantFrom(
    'you',
    'never',
    'listen',
    "you're",
    'u',
    'fine',
    'sorry',
    'i',
    'feel',
    'hurt',
    'when',
    'talk',
    'over',
    'me',
    'keep',
  );
  const text = fc.array(fc.oneof(word, fc.constantFrom('. ', '! ', '?', '\n', ' ', ', ')), { maxLength: 40 }).map((p) => p.join(' '));
  fc.assert(
    fc.property(fc.oneof(text, fc.string({ maxLength: 200 })), (s) => {
      const folded = fold(s);
      for (const h of MODEL_HEADS) {
        const m = COACH_MODELS[h];
        assert.ok(Math.abs(textProbability(m, folded) - probability(m, features(folded))) < 1e-9);
        const best = bestSentence(m, folded);
        if (!best) continue;
        assert.ok(0 <= best.start && best.start < best.end && best.end <= folded.length);
        // the window's own sum, however it was reached, is the plain sum of its words
        assert.ok(
          Math.abs(best.probability - probability(m, features(folded.slice(best.start, best.end)))) < 1e-9,
          JSON.stringify(folded.slice(best.start, best.end)),
        );
      }
    }),
  );
});

// Phrasings from the development part's families (issue #22), and gentle ones beside them.
const HARSH = [
  'You keep talking over me.',
  'Why are you making such a big deal about this?',
  "It's not my fault you can't manage your own time.",
  'Do whatever you want.',
  "I'm done with this conversation.",
  "If you see her again, we're done.",
  'You need help, seriously.',
  'At least I know how to keep a promise.',
];
const GENTLE = [
  'I feel hurt when you talk over me.',
  "I need twenty minutes to calm down, then I'll come back.",
  "I'm done with the report, finally.",
  "Whatever you'd like for dinner is fine.",
  'Do what you think is best, I trust you with it.',
  'You treat me like a queen.',
  'Could you let me finish my sentence?',
];

test('harsh families are found and gentle complaints, pauses and requests are left alone', () => {
  for (const t of HARSH) assert.equal(analyzeMessage(t).harsh, true, t);
  for (const t of GENTLE) assert.equal(analyzeMessage(t).harsh, false, t);
});

test('a model finding names the words that weighed most and points at its sentence', () => {
  const text = 'Thanks for dinner. You sneer at everything my sister says, honestly.';
  const r = analyzeMessage(text);
  for (const f of r.findings) assert.equal(text.slice(f.start, f.end), f.excerpt);
  // No rule knows this one (a development sentence); the model does, and says why in its words.
  const dismissive = 'Nobody cares about your feelings.';
  assert.equal(analyzeMessageWith(null, dismissive).harsh, false);
  const tone = analyzeMessage(dismissive).findings.find((f) => f.type === 'tone');
  assert.ok(tone);
  assert.equal(tone.excerpt, dismissive);
  assert.match(tone.explanation, /weighed most here \("[^"]*(?:nobody|feelings|cares)/);
  assert.doesNotMatch(tone.explanation, /"(?:you|your|do|not)"/);
});

test('without the weights (the browser before they load) the rules alone answer', () => {
  for (const t of [...HARSH, ...GENTLE]) {
    const rules = analyzeMessageWith(null, t);
    assert.ok(rules.findings.every((f) => f.type !== 'tone'));
    assert.ok(!rules.harsh || analyzeMessage(t).harsh, 'the model only ever adds findings');
  }
  assert.deepEqual(analyzeAgreementWith(null, 'I will be honest.'), analyzeAgreement('I will be honest.'));
});

test('non-apologies without "sorry" and apology parts named in other words are recognised', () => {
  assert.equal(analyzeApology("I didn't mean it.").nonApology, true);
  assert.equal(analyzeApology('You drove me to it.').nonApology, true);
  const full = analyzeApology(
    "I stayed out all night without calling. You were up worrying until dawn. From now on I'll text before midnight.",
  );
  assert.equal(full.nonApology, false);
  assert.ok(full.components.responsibility && full.components.impact && full.components.change);
  assert.deepEqual(analyzeApologyWith(null, '').components, analyzeApology('').components);
});

test('a concrete one-off request is not vague; a vague one stays vague', () => {
  assert.equal(analyzeAgreement("I'll delete his number right now.").vague, false);
  assert.equal(analyzeAgreement("Tomorrow morning I'll call the bank and close the secret account.").vague, false);
  assert.equal(analyzeAgreement("I'll pick up the prescription on my way home.").vague, false);
  assert.equal(analyzeAgreement("I'll be more patient.").vague, true);
  assert.equal(analyzeAgreement('No more secrets between us.').vague, true);
});

test('the word memory keeps only words the weights know, never what else a person typed', () => {
  analyzeMessage('Zyxwvutsq told me qwertzuiop was at the door.');
  const text = JSON.stringify([...memoryOf(COACH_MODELS)]);
  assert.ok(!text.includes('zyxwvutsq') && !text.includes('qwertzuiop'));
  assert.ok(text.includes('told'));
});

test('a short closing fragment after a sentence that leans gentle is read with that sentence, not alone (round 16)', () => {
  const m = COACH_MODELS.harsh;
  for (const text of ['Thank you for the flowers. Seriously.', "See you at six. Don't be late!", "The car's fixed. Finally."]) {
    const folded = fold(text);
    const best = bestSentence(m, folded);
    assert.ok(best, text);
    // the only windows left start at the first sentence: the fragment is never scored on its own
    assert.equal(best.start, 0, text);
    assert.ok(best.probability < m.threshold, text);
  }
});
