import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { citationsInText, guideProblems, looksLikeCitation, parseGuide } from './guide-schema.js';
import type { GuideId } from './catalogue.js';

const STEP: GuideId = { kind: 'step', step: 'patience', audience: 'hurt' };
const CITATION =
  '- Rempel, J. K., Holmes, J. G., & Zanna, M. P. (1985). Trust in close relationships. *Journal of Personality and Social Psychology*, 49(1), 95–112.';
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

function guide(o: { sections?: string[]; perSection?: number; sources?: string[]; extra?: string } = {}): string {
  const sections = o.sections ?? ['What this step is for', 'What is normal', 'What helps', 'What tends to hurt', 'When to see a therapist'];
  return [
    '# A title',
    ...sections.map((h, i) => `## ${h}\n\n${words(o.perSection ?? 60)}${i === 0 ? ' (Rempel et al., 1985)' : ''}${o.extra ?? ''}\n`),
    '## Sources\n',
    ...(o.sources ?? [CITATION]),
    '',
  ].join('\n');
}

describe('the shape of a guide', () => {
  test('a well-formed guide has no problems, and its sources are not counted as words', () => {
    assert.deepEqual(guideProblems(STEP, guide()), []);
    const parsed = parseGuide(guide());
    assert.equal(parsed.title, 'A title');
    assert.equal(parsed.words, 2 + 5 * 60 + 4);
    assert.equal(parsed.sources.length, 1);
  });

  test('each departure from the shape is named', () => {
    const problems = (text: string) => guideProblems(STEP, text).join('\n');
    assert.match(problems(guide().replace('# A title', 'A title')), /Title/);
    assert.match(problems(guide({ sections: ['What this step is for', 'What helps'] })), /its sections are/);
    assert.match(problems(guide({ perSection: 20 })), /words, not 250–450/);
    assert.match(problems(guide({ perSection: 100 })), /words, not 250–450/);
    assert.match(problems(guide({ sources: [] })), /lists nothing/);
    assert.match(problems(guide({ sources: ['- a website I read'] })), /does not look like a citation/);
    assert.match(problems(guide({ extra: ' <b>bold</b>' })), /raw HTML/);
    assert.match(problems(guide({ extra: ' <!-- note -->' })), /raw HTML/);
    assert.match(problems(guide({ extra: ' [x](javascript:alert(1))' })), /script/);
    assert.match(problems(guide({ extra: '\n\n### deeper' })), /deeper headings/);
    assert.match(problems(guide({ extra: ' You should forgive them.' })), /nudges towards forgiving/);
    assert.doesNotMatch(
      guideProblems({ kind: 'step', step: 'forgive', audience: 'hurt' }, guide({ extra: ' time to forgive' })).join(),
      /nudges/,
    );
  });

  test('every citation in the text is listed in the sources, and every source is cited', () => {
    assert.deepEqual(
      citationsInText('as found (Gordon et al., 2004; Breines & Chen, 2012), and (Frattaroli, 2006), not (see 2004) nor (in 12 weeks)'),
      ['Gordon 2004', 'Breines 2012', 'Frattaroli 2006'],
    );
    const problems = (text: string) => guideProblems(STEP, text).join('\n');
    assert.match(problems(guide({ extra: ' (Wegner et al., 1987)' })), /cites Wegner 1987, which is not in its Sources/);
    assert.match(problems(guide().replace(' (Rempel et al., 1985)', '')), /Sources list Rempel 1985, which the text never cites/);
  });

  test('citations: authors, year, title and where published', () => {
    assert.ok(looksLikeCitation(CITATION.slice(2)));
    assert.ok(
      looksLikeCitation(
        'Schumann, K., & Dweck, C. S. (2014). Who accepts responsibility for their transgressions? *Personality and Social Psychology Bulletin*, 40(12), 1598–1610.',
      ),
    );
    assert.ok(!looksLikeCitation('Some blog (2020). A post.'));
    assert.ok(!looksLikeCitation('Smith, J. A title without a year. Publisher.'));
  });
});
