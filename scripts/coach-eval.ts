/**
 * Scores the gentle-language coach on its labelled corpus: `npm run coach:eval` prints the
 * test-part figures (what the docs quote), the earlier held-out set's, the fresh part's (rounds
 * 9–10, never tuned or trained on) and the development figures, labelled. Options:
 *   --json     print one JSON object instead of the table
 *   --misses   also list development-part misses (never test or held-out ones: we do not tune on those)
 */
import { evaluate, type Evaluation } from '../test/coach/evaluate.js';
import { APOLOGY_COMPONENTS } from '../src/core/apology-components.js';
import { round3 } from '../src/core/coach/eval-metrics.js';

function summary(e: Evaluation) {
  return {
    part: e.part,
    counts: e.counts,
    harsh: { precision: round3(e.harsh.precision), recall: round3(e.harsh.recall), f1: round3(e.harsh.f1) },
    nonApology: { precision: round3(e.nonApology.precision), recall: round3(e.nonApology.recall), f1: round3(e.nonApology.f1) },
    vague: { precision: round3(e.vague.precision), recall: round3(e.vague.recall), f1: round3(e.vague.f1) },
    componentAccuracy: Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [c, round3(e.components[c])])),
    componentMean: round3(e.componentMean),
    componentRecall: Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [c, round3(e.componentRecall[c])])),
    familyRecall: Object.fromEntries(Object.entries(e.familyRecall).map(([k, v]) => [k, `${v.found}/${v.of}`])),
  };
}

function table(e: Evaluation, title: string): string {
  const s = summary(e);
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `${title} — ${s.counts.messages} messages, ${s.counts.apologies} apologies, ${s.counts.agreements} agreements`,
    `  harsh       precision ${f(s.harsh.precision)}  recall ${f(s.harsh.recall)}  F1 ${f(s.harsh.f1)}`,
    `  nonApology  precision ${f(s.nonApology.precision)}  recall ${f(s.nonApology.recall)}  F1 ${f(s.nonApology.f1)}`,
    `  vague       precision ${f(s.vague.precision)}  recall ${f(s.vague.recall)}  F1 ${f(s.vague.f1)}`,
    `  components  ${APOLOGY_COMPONENTS.map((c) => `${c} ${f(s.componentAccuracy[c] ?? 0)}`).join('  ')}  (mean ${f(s.componentMean)})`,
    `  recall      ${APOLOGY_COMPONENTS.map((c) => `${c} ${f(s.componentRecall[c] ?? 0)}`).join('  ')}`,
  ];
  const families = Object.entries(s.familyRecall);
  if (families.length > 0) lines.push(`  harsh by family  ${families.map(([k, v]) => `${k} ${v}`).join('  ')}`);
  return lines.join('\n');
}

const args = process.argv.slice(2);
const test = evaluate('test');
const heldout = evaluate('heldout');
const fresh = evaluate('fresh');
const dev = evaluate('dev');
if (args.includes('--json')) {
  process.stdout.write(
    JSON.stringify({ test: summary(test), heldout: summary(heldout), fresh: summary(fresh), dev: summary(dev) }, null, 2) + '\n',
  );
} else {
  process.stdout.write(
    `${table(test, 'Test part (reported)')}\n\n${table(heldout, 'Earlier held-out set')}\n\n${table(fresh, 'Fresh part (rounds 9-10, not tuned or trained on)')}\n\n${table(dev, 'Development (tuned and trained on)')}\n`,
  );
  if (args.includes('--misses')) {
    for (const m of dev.misses) {
      process.stdout.write(`  dev miss [${m.kind}] ${m.text}\n    expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.got)}\n`);
    }
  }
}
