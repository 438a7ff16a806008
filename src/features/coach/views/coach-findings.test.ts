import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../core/coach/index.js';
import { coachFindingsHtml } from './coach-findings.js';

test('renders findings, excerpt and suggestion for a harsh message, escaped', () => {
  const text = 'You never listen <script>. You’re a liar & a cheat.';
  const out = coachFindingsHtml(analyze('message', text), 'message').toString();
  assert.match(out, /coach-findings--attention/);
  assert.match(out, /<q>You never<\/q>/);
  assert.match(out, /One way to say it: I feel/);
  assert.doesNotMatch(out, /<script>/);
  assert.match(out, /&lt;script&gt;/);
});

test('a gentle message renders a calm line and no list', () => {
  const out = coachFindingsHtml(analyze('message', 'I miss you.'), 'message').toString();
  assert.doesNotMatch(out, /<ul/);
  assert.doesNotMatch(out, /attention/);
});

test('an apology lists what is there and what could be added, responsibility and repair first', () => {
  const out = coachFindingsHtml(analyze('apology', "I'm sorry if you were hurt."), 'apology').toString();
  assert.match(out, /Conditional/);
  assert.match(out, /Already there: regret\./);
  assert.ok(out.indexOf('Taking responsibility') < out.indexOf('Offering repair'));
  assert.ok(out.indexOf('Offering repair') < out.indexOf('The impact'));
});

test('a vague agreement gets a question', () => {
  const out = coachFindingsHtml(analyze('agreement', 'I will try harder.'), 'agreement').toString();
  assert.match(out, /could be more concrete/);
  assert.match(out, /\?<\/p>/);
});
