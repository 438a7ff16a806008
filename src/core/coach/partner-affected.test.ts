import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeApology } from './index.js';
import { partnerAffected } from './partner-affected.js';
import { fold } from './text.js';

test('the partner reached by the wrong: a subject who went through it, harmed, their trust or days, the harm named', () => {
  for (const text of [
    "I'm sorry I lied. You sat up waiting half the night.",
    'I betrayed you and I know it.',
    "I'm sorry I broke my promise. It's made it harder for you to believe anything I say.",
    "I'm sorry I yelled in the car. The kids were frightened, and so were you.",
    "I'm sorry I kept the debt from you. Now every letter that arrives frightens you.",
    "I'm sorry for what I did to your trust.",
    'sorry for the stuff i said. i know it hurt.',
  ]) {
    assert.equal(partnerAffected(fold(text)), true, text);
  }
});

test('the partner only as the one promised to, offered, asked to forgive or told: not reached', () => {
  for (const text of [
    "I'm truly sorry for lying about the overdraft. I'll show you the statements every month. I hope you can forgive me.",
    "I'm sorry I forgot your mum's birthday. Can I help you plan something nice for her?",
    "I spent the holiday money without telling you. I'll move my bonus into the account on Friday.",
    "I'm sorry I lied to you. Thank you for listening.",
  ]) {
    assert.equal(partnerAffected(fold(text)), false, text);
  }
});

test('the impact head credits no impact where the partner is only promised to or asked to forgive', () => {
  const text = "I'm truly sorry for lying about the overdraft. I'll show you the statements every month. I hope you can forgive me.";
  assert.equal(analyzeApology(text).components.impact, false);
  // the patterns still credit impact told by structure, whatever the gate says
  assert.equal(analyzeApology("I'm sorry I lied about where I was. You sat up waiting for me half the night.").components.impact, true);
});

test('it never throws, on any text, long or short', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      assert.equal(typeof partnerAffected(fold(s)), 'boolean');
    }),
  );
  for (const long of ['you '.repeat(2500), 'a'.repeat(10000), 'forgive me '.repeat(900), 'i will tell you '.repeat(600)]) {
    assert.equal(typeof partnerAffected(long), 'boolean');
  }
});
