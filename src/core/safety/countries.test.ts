import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countryInSentence, parseCountryChoice } from './countries.js';

test('parseCountryChoice: a choice from the list, another country, unanswered, or not a choice', () => {
  assert.equal(parseCountryChoice('GB'), 'GB');
  assert.equal(parseCountryChoice(' uk '), 'GB');
  assert.equal(parseCountryChoice('nz'), 'NZ');
  assert.equal(parseCountryChoice('INTL'), 'INTL');
  assert.equal(parseCountryChoice(''), null);
  assert.equal(parseCountryChoice(undefined), null);
  assert.equal(parseCountryChoice('PL'), undefined);
  assert.equal(parseCountryChoice('x'.repeat(500)), undefined);
});

test('countryInSentence reads naturally after "in"', () => {
  assert.equal(countryInSentence('GB', 'United Kingdom'), 'the United Kingdom');
  assert.equal(countryInSentence('NL', 'Netherlands'), 'the Netherlands');
  assert.equal(countryInSentence('IE', 'Ireland'), 'Ireland');
});
