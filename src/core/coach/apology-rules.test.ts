import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeApology, type ApologyAnalysis } from './index.js';

function has(r: ApologyAnalysis, type: string): boolean {
  return r.findings.some((f) => f.type === type);
}

describe('components', () => {
  test('a full apology has every component and no findings', () => {
    const r = analyzeApology(
      "I'm sorry I broke your trust. I know it hurt you. From now on I will tell you where I am. I'd like to make amends, so tell me what would help. I hope in time you can forgive me.",
    );
    assert.equal(r.nonApology, false);
    assert.deepEqual(r.components, {
      regret: true,
      responsibility: true,
      impact: true,
      change: true,
      repair: true,
      forgiveness: true,
    });
    assert.deepEqual(r.findings, []);
  });
  test('each component on its own', () => {
    assert.equal(analyzeApology('I regret it.').components.regret, true);
    assert.equal(analyzeApology('It was my fault.').components.responsibility, true);
    assert.equal(analyzeApology('I lied to you.').components.responsibility, true);
    assert.equal(analyzeApology('I know you felt alone.').components.impact, true);
    assert.equal(analyzeApology("From now on I'll be home by six.").components.change, true);
    assert.equal(analyzeApology('What can I do to make this right?').components.repair, true);
    assert.equal(analyzeApology('Will you forgive me when you are ready?').components.forgiveness, true);
  });
  test('"sorry" alone is regret only, and not a non-apology', () => {
    const r = analyzeApology('Sorry.');
    assert.equal(r.nonApology, false);
    assert.equal(r.components.regret, true);
    assert.equal(r.components.responsibility, false);
  });
  test('hedged or negated parts do not count', () => {
    assert.equal(analyzeApology("I'm sorry if I upset you.").components.responsibility, false);
    assert.equal(analyzeApology("I didn't want to hurt you.").components.impact, false);
  });
  test('demanding forgiveness is not asking for it', () => {
    const r = analyzeApology('I said sorry, now you need to forgive me.');
    assert.equal(r.components.forgiveness, false);
    assert.ok(has(r, 'demanding'));
  });
});

describe('non-apology patterns', () => {
  const cases: Array<[string, string]> = [
    ["I'm sorry if you were hurt.", 'conditional'],
    ['If I hurt you, I apologize.', 'conditional'],
    ["I'm sorry you feel that way.", 'sorry-you-feel'],
    ["I'm sorry you're upset.", 'sorry-you-feel'],
    ["I'm sorry, but you were ignoring me.", 'justification'],
    ['I did lie, but only because I was scared.', 'justification'],
    ['Mistakes were made.', 'passive'],
    ['Things got out of hand.', 'passive'],
    ['You kept pushing me, so I snapped.', 'blame-shifting'],
    ["If you hadn't been so distant, this wouldn't have happened.", 'blame-shifting'],
    ['It was just a kiss.', 'minimising'],
    ['Everyone does it.', 'minimising'],
    ["It's not a big deal.", 'minimising'],
    ['Now you need to forgive me.', 'demanding'],
    ['Can we stop talking about it?', 'demanding'],
    ["Let's put it behind us.", 'demanding'],
  ];
  for (const [text, type] of cases) {
    test(`${type}: ${text}`, () => {
      const r = analyzeApology(text);
      assert.equal(r.nonApology, true);
      assert.ok(has(r, type), `got ${r.findings.map((f) => f.type).join(', ')}`);
    });
  }
  test('curly apostrophes', () => {
    assert.ok(has(analyzeApology('I’m sorry you’re upset.'), 'sorry-you-feel'));
  });
});
