import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APOLOGY_COMPONENTS } from '../../apology-components.js';
import { PROMPT_KEYS } from '../prompts.js';
import { STEP_KEYS } from '../steps.js';
import { APOLOGY_BUILDER_TEXTS } from './apology-builder-texts.js';
import { HARD_DAY } from './hard-day.js';
import { PROMPT_TEXTS } from './prompt-texts.js';
import { SENTENCE_STARTERS, sentenceStartersFor } from './sentence-starters.js';
import { STEP_PURPOSES } from './step-purposes.js';
import { THERAPY_RECOMMENDATION } from './therapy-recommendation.js';

const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');

describe('journey content', () => {
  test('each step says what it is for in two or three sentences', () => {
    for (const key of STEP_KEYS) {
      const n = sentences(STEP_PURPOSES[key]).length;
      assert.ok(n >= 2 && n <= 3, `${key}: ${n} sentences`);
    }
  });

  test('every prompt and apology component has a label and helper', () => {
    for (const key of PROMPT_KEYS) assert.ok(PROMPT_TEXTS[key].label && PROMPT_TEXTS[key].helper, key);
    for (const c of APOLOGY_COMPONENTS) assert.ok(APOLOGY_BUILDER_TEXTS[c].label, c);
  });

  test('sentence starters include the two of the spec and suit each role', () => {
    assert.ok(SENTENCE_STARTERS.brokeTrust.includes('I know I hurt you when…'));
    assert.ok(SENTENCE_STARTERS.hurt.includes('I feel betrayed because…'));
    assert.ok(sentenceStartersFor('both').length > sentenceStartersFor('hurt').length);
    assert.ok(!sentenceStartersFor('broke_trust').includes('I feel betrayed because…'));
  });

  test('Mend never nudges anyone to forgive outside step 7', () => {
    const outside = [
      ...STEP_KEYS.filter((k) => k !== 'forgive').map((k) => STEP_PURPOSES[k]),
      ...PROMPT_KEYS.filter((k) => !k.startsWith('forgiveness')).map((k) => PROMPT_TEXTS[k].helper),
      HARD_DAY.intro,
      ...HARD_DAY.grounding.steps,
      THERAPY_RECOMMENDATION.intro,
    ];
    for (const text of outside) {
      assert.doesNotMatch(text, /\b(should|ready to|time to|try to|please|can now|start to) forgiv/i, text);
      assert.doesNotMatch(text, /\bforgive (him|her|them|your partner)\b/i, text);
    }
  });

  test('the therapy recommendation explains how to find a therapist and that Mend can invite one', () => {
    assert.ok(THERAPY_RECOMMENDATION.howToFind.steps.length >= 3);
    assert.match(THERAPY_RECOMMENDATION.invite.text, /invite/);
  });
});
