import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APOLOGY_COMPONENTS } from '../apology-components.js';
import { analyzeApology } from './index.js';
import { apologyBuilderSummary, apologyPartFor, apologyPartSummary } from './render-text.js';

const FULL = {
  regret: 'I am sorry that I lied to you for months.',
  responsibility: 'It was my choice to hide the messages, and nobody else’s.',
  impact: 'You lay awake wondering what else was untrue, and you stopped trusting your own memory.',
  change: 'From now on I will show you my phone when you ask and tell you when she writes.',
  repair: 'I will pay for the counselling and go to every session.',
  forgiveness: 'If one day you feel able to forgive me, I will be grateful; it is yours to decide.',
};

describe('the apology builder, box by box', () => {
  test('a filled box is credited with its own part and says nothing about the others', () => {
    for (const c of APOLOGY_COMPONENTS) {
      const s = apologyPartFor(c, FULL[c], analyzeApology, 'Sam');
      assert.equal(s.attention, false, c);
      assert.deepEqual(s.items, [], c);
      assert.deepEqual(s.notes, [], c);
      for (const other of APOLOGY_COMPONENTS.filter((o) => o !== c)) {
        assert.ok(!s.heading.toLowerCase().includes(other), `${c} box speaks of ${other}: ${s.heading}`);
      }
    }
    assert.equal(apologyPartFor('impact', FULL.impact, analyzeApology, 'Sam').heading, 'This says what it did to Sam.');
  });

  test('the impact and repair boxes count as those parts, even in words the patterns do not know', () => {
    const impact = apologyPartFor('impact', 'Months of nights on your own.', analyzeApology, 'Sam');
    assert.equal(impact.heading, 'This says what it did to Sam.');
    const repair = apologyPartFor('repair', 'I will pay for the counselling you choose.', analyzeApology, 'Sam');
    assert.equal(repair.heading, 'This offers Sam a way to make it right.');
  });

  test('a non-apology is shown beside the box where its words are, and only there', () => {
    const s = apologyPartFor('regret', 'I am sorry if you felt hurt.', analyzeApology, 'Sam');
    assert.equal(s.attention, true);
    assert.ok(s.items.length > 0);
    assert.ok(s.items.every((i) => 'I am sorry if you felt hurt.'.includes(i.excerpt)));
    assert.ok(s.heading.startsWith('This says that you are sorry.'));
    // the same words in another box are that box's findings; the regret box of a clean text has none
    assert.deepEqual(apologyPartFor('regret', FULL.regret, analyzeApology, 'Sam').items, []);
  });

  test('an empty box says so, and whether its part matters most; forgiveness may stay empty', () => {
    const s = apologyPartSummary('repair', null);
    assert.equal(s.heading, 'Not written yet.');
    assert.deepEqual(s.notes, ['This is one of the two parts that matter most to whether an apology helps.']);
    assert.deepEqual(apologyPartSummary('change', null).notes, []);
    assert.equal(apologyPartFor('change', '   ', analyzeApology).heading, 'Not written yet.');
    assert.deepEqual(apologyPartSummary('forgiveness', null).notes, []);
  });

  test('the same box, read twice, says the same (the coach is deterministic)', () => {
    for (const c of APOLOGY_COMPONENTS) {
      assert.deepEqual(apologyPartFor(c, FULL[c], analyzeApology, 'Sam'), apologyPartFor(c, FULL[c], analyzeApology, 'Sam'));
    }
  });

  test('the summary credits every filled box and never calls a filled part missing', () => {
    const s = apologyBuilderSummary([...APOLOGY_COMPONENTS], {}, 0);
    assert.equal(s.heading, 'Your apology has each of the parts that help.');
    assert.equal(s.attention, false);
    assert.ok(!s.notes.some((n) => n.startsWith('Not written')));
    const some = apologyBuilderSummary(['regret', 'responsibility', 'impact'], { change: true }, 1);
    assert.ok(
      some.notes.some((n) => n === 'Not written yet: offering repair. Each box says what helps there.'),
      some.notes.join('|'),
    );
    assert.ok(some.notes.some((n) => n.includes('beside their box')));
  });
});
