import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gentleFrame } from './gentle-frame.js';
import { analyzeMessage } from './index.js';

function harsh(text: string): boolean {
  return analyzeMessage(text).harsh;
}

describe('gentle frames lower a "you + verb" finding', () => {
  test('frames by family, and a judging word undoes them', () => {
    assert.ok(gentleFrame('i feel left out when you make plans without me.'));
    assert.ok(gentleFrame('you left the lights on. could you check them tonight?'));
    assert.ok(gentleFrame("you don't have to answer right away, take your time."));
    assert.ok(gentleFrame('you gave up your saturday for my move, i owe you one.'));
    assert.ok(!gentleFrame('could you be any more selfish?'));
    assert.ok(!gentleFrame('thanks to you we lost the house.'));
    assert.ok(!gentleFrame('not one time have you said thank you.'));
    assert.ok(!gentleFrame('you always do this. can we not?'));
    assert.ok(!gentleFrame('you left the lights on.'));
  });

  test("the model's tone finding stays off gentle sentences that speak to you", () => {
    for (const text of [
      "You don't have to answer right away, take your time.",
      "You're allowed to be upset, I'm not going anywhere.",
      'You gave up your Saturday for my move, I owe you one.',
      'You listen better than anyone I know.',
    ]) {
      assert.equal(harsh(text), false, text);
    }
  });

  test('a complaint followed by a request is not criticism; without one, it is', () => {
    assert.equal(harsh('You talk over me sometimes when we argue, and then I shut down. Can we try taking turns?'), false);
    assert.equal(harsh("You cut me off at dinner; I'd like to finish my thoughts next time."), false);
    assert.equal(harsh('You talk over me when we argue.'), true);
    assert.equal(harsh('You keep cutting me off. Can we not do this?'), true);
  });

  test('warm absolutes: "you never once complained", "you always know what to say"', () => {
    assert.equal(harsh('You never once complained when I was out of work.'), false);
    assert.equal(harsh('You always know what to say to my mum.'), false);
    assert.equal(harsh('You never once asked how I was.'), true);
  });

  test('a check-in softens the sentence after it; a frame with a generalising word does not', () => {
    assert.equal(harsh('u ok? u seemed quiet'), false);
    assert.equal(harsh("You don't need to rush, I'll wait for you."), false);
    assert.equal(harsh('You manipulate everyone and then act surprised. Can you just own it?'), true);
  });

  test('thanks for a wrong, and "could you be any more …", are sarcasm', () => {
    assert.equal(harsh('Thank you so much for leaving me with the kids again.'), true);
    assert.equal(harsh('Thanks for ruining my birthday, really.'), true);
    assert.equal(harsh('Could you be any more selfish?'), true);
    assert.equal(harsh('Thanks for leaving me some dinner, it was lovely.'), false);
  });
});
