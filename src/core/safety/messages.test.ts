import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEGATIVE_SCREEN_MESSAGE, POSITIVE_SCREEN_MESSAGE, STAY_SAFE_TIPS } from './messages.js';

test('the positive message advises against couples work, recommends individual support and promises secrecy', () => {
  const text = POSITIVE_SCREEN_MESSAGE.paragraphs.join(' ');
  assert.match(text, /couple.*not\s+advised/s);
  assert.match(text, /support for you on your own/);
  assert.match(text, /partner is never told/);
});

test('the negative message does not declare the user safe', () => {
  assert.doesNotMatch(NEGATIVE_SCREEN_MESSAGE.paragraphs.join(' '), /you are safe/i);
});

test('stay-safe tips cover quick exit, private browsing and the partner not seeing the screening', () => {
  const text = STAY_SAFE_TIPS.map((t) => t.text).join(' ');
  assert.match(text, /Escape three times/);
  assert.match(text, /private/);
  assert.match(text, /partner cannot see your safety answers/);
});
