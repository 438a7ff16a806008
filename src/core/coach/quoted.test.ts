import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeApology, analyzeMessage } from './index.js';
import { reportedWords, withoutQuotations } from './quoted.js';
import { fold } from './text.js';

function harsh(text: string): boolean {
  return analyzeMessage(text).harsh;
}

describe('reported words are not said to the partner (round 13)', () => {
  test('a quotation of two words or more is blanked, keeping every offset', () => {
    const folded = fold('My dad used to yell \u201Cyou\u2019re useless\u201D at my mum.');
    const masked = withoutQuotations(folded);
    assert.equal(masked.length, folded.length);
    assert.ok(!masked.includes('useless') && masked.includes('at my mum'));
    assert.equal(
      withoutQuotations("she said 'get out of my sight' and left"),
      `she said '${' '.repeat('get out of my sight'.length)}' and left`,
    );
  });

  test('apostrophes, one-word scare quotes and a message that is all quotation are left as written', () => {
    for (const text of [
      "you're never home and it's late",
      'your "friend" texted again',
      'your "work trip" was a lie',
      '"you never listen."',
    ]) {
      assert.equal(withoutQuotations(text), text, text);
    }
  });

  test('masking keeps the length of any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => withoutQuotations(fold(s)).length === s.length));
  });

  test('someone else\u2019s verdict on the writer, and the writer\u2019s own words taken back', () => {
    assert.ok(reportedWords('a colleague told me i\u2019m too sensitive.', 'a colleague told me i\u2019m '));
    assert.ok(reportedWords("i'm sorry i called you selfish.", "i'm sorry i called you "));
    assert.ok(!reportedWords('i said you are selfish and i meant it.', 'i said you are '));
    assert.ok(!reportedWords('you called me a liar, you hypocrite', 'you called me a liar, you '));
  });

  test('quoting is gentle; the same words said, or a scare quote, stay harsh', () => {
    for (const text of [
      'My dad used to yell "you\'re useless" at my mum, and I never want us to sound like that.',
      'I was out of order calling you lazy. Sorry, love.',
      'My therapist says "you always" and "you never" start fights.',
      "I'm sorry I shouted \"shut up\" at you. There's no excuse and I'll do better.",
    ]) {
      assert.equal(harsh(text), false, text);
    }
    for (const text of ["You're useless.", 'Shut up.', 'Oh, you were "busy"? Busy with her, you mean.', '"You never listen."']) {
      assert.equal(harsh(text), true, text);
    }
  });
});

describe('round 13 apology parts', () => {
  test('repair in many words; a one-off "I\'ll …" or a promise of love is not change', () => {
    const a = analyzeApology("I'm sorry I ate your leftovers. I'll replace them on my way home.");
    assert.equal(a.components.repair, true);
    assert.equal(analyzeApology('Is there something I can do that would help?').components.repair, true);
    assert.equal(analyzeApology("I'm sorry I hurt you. I will always love you.").components.change, false);
    assert.equal(analyzeApology("I'm sorry I went quiet. From now on I'll tell you when something's wrong.").components.change, true);
  });
});
