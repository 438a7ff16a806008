/**
 * Scores the gentle-language coach on its labelled corpus: `npm run coach:eval` prints, labelled,
 * with --unseen the independent unseen set's figures (round 12, the one issue #22's targets are
 * judged on), with --unseen2 the second unseen set's (round 19, a third independent author), then
 * the test part's (round 6), the earlier held-out set's, the fresh part's
 * (rounds 9–10), and the development parts' (rounds 11, 13 to 17, 19 and the development part).
 * Options:
 *   --json     print one JSON object instead of the tables
 *   --unseen   also score the unseen set. Off by default: every reading of it counts (docs/coach.md
 *              keeps the tally), so a working run reads the project's own parts only.
 *   --unseen2  also score the second unseen set (round 19), in aggregate only, like --unseen and
 *              off by default for the same reason. If none of its files is there yet, the script
 *              says so and scores nothing (exit code 1); if some are, the title names the others.
 *   --development  score the development parts only (the test, earlier held-out and fresh parts are
 *              read only at the end of a round, with the unseen set; round 17).
 *   --misses   also list the development parts' misses. Held-out parts have no such list:
 *              `evaluate` keeps no row of them (test/coach/evaluate.ts), only aggregate figures.
 */
import { evaluate, evaluateDevelopment, missingFiles, MissingPartError, type Evaluation } from '../test/coach/evaluate.js';
import { APOLOGY_COMPONENTS } from '../src/core/apology-components.js';
import { round3 } from '../src/core/coach/eval-metrics.js';

function summary(e: Evaluation) {
  return {
    part: e.part,
    counts: e.counts,
    harsh: {
      precision: round3(e.harsh.precision),
      recall: round3(e.harsh.recall),
      f1: round3(e.harsh.f1),
      found: `${e.harsh.tp}/${e.harsh.tp + e.harsh.fn}`,
      falseAlarms: `${e.harsh.fp}/${e.harsh.fp + e.harsh.tn}`,
    },
    nonApology: { precision: round3(e.nonApology.precision), recall: round3(e.nonApology.recall), f1: round3(e.nonApology.f1) },
    vague: { precision: round3(e.vague.precision), recall: round3(e.vague.recall), f1: round3(e.vague.f1) },
    componentAccuracy: Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [c, round3(e.components[c])])),
    componentMean: round3(e.componentMean),
    componentRecall: Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [c, round3(e.componentRecall[c])])),
    componentPrecision: Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [c, round3(e.componentPrecision[c])])),
    familyRecall: Object.fromEntries(
      Object.entries(e.familyRecall)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, `${v.found}/${v.of}`]),
    ),
    falseAlarmTypes: Object.fromEntries(Object.entries(e.falseAlarmTypes).sort(([a], [b]) => a.localeCompare(b))),
    familyFalseAlarms: Object.fromEntries(
      Object.entries(e.familyFalseAlarms)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, `${v.flagged}/${v.of}`]),
    ),
  };
}

function table(e: Evaluation, title: string): string {
  const s = summary(e);
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `${title} — ${s.counts.messages} messages, ${s.counts.apologies} apologies, ${s.counts.agreements} agreements`,
    `  harsh       precision ${f(s.harsh.precision)}  recall ${f(s.harsh.recall)}  F1 ${f(s.harsh.f1)}  (found ${s.harsh.found}, false alarms ${s.harsh.falseAlarms})`,
    `  nonApology  precision ${f(s.nonApology.precision)}  recall ${f(s.nonApology.recall)}  F1 ${f(s.nonApology.f1)}`,
    `  vague       precision ${f(s.vague.precision)}  recall ${f(s.vague.recall)}  F1 ${f(s.vague.f1)}`,
    `  components  ${APOLOGY_COMPONENTS.map((c) => `${c} ${f(s.componentAccuracy[c] ?? 0)}`).join('  ')}  (mean ${f(s.componentMean)})`,
    `  recall      ${APOLOGY_COMPONENTS.map((c) => `${c} ${f(s.componentRecall[c] ?? 0)}`).join('  ')}`,
    `  precision   ${APOLOGY_COMPONENTS.map((c) => `${c} ${f(s.componentPrecision[c] ?? 0)}`).join('  ')}`,
  ];
  const families = Object.entries(s.familyRecall);
  if (families.length > 0) lines.push(`  harsh found by family  ${families.map(([k, v]) => `${k} ${v}`).join('  ')}`);
  const raisedBy = Object.entries(s.falseAlarmTypes);
  if (raisedBy.length > 0) lines.push(`  false alarms raised by  ${raisedBy.map(([k, v]) => `${k} ${v}`).join('  ')}`);
  const negatives = Object.entries(s.familyFalseAlarms);
  if (negatives.length > 0)
    lines.push(`  false alarms by family  ${negatives.map(([k, v]) => `${k.replace('not-harsh:', '')} ${v}`).join('  ')}`);
  return lines.join('\n');
}

/** The second unseen set, or null when not asked for; when asked for and absent, nothing else is read. */
function secondUnseen(asked: boolean): { evaluation: Evaluation; missing: string[] } | null {
  if (!asked) return null;
  try {
    return { evaluation: evaluate('unseen2'), missing: missingFiles('unseen2') };
  } catch (error) {
    if (!(error instanceof MissingPartError)) throw error;
    process.stderr.write(`coach:eval --unseen2: ${error.message}. Nothing was scored; run it again once the files are committed.\n`);
    process.exit(1);
  }
}

const args = process.argv.slice(2);
const withUnseen = args.includes('--unseen');
const developmentOnly = args.includes('--development') && !withUnseen;
const unseen2 = secondUnseen(args.includes('--unseen2'));
const unseen = withUnseen ? evaluate('unseen') : null;
const test = developmentOnly ? null : evaluate('test');
const heldout = developmentOnly ? null : evaluate('heldout');
const fresh = developmentOnly ? null : evaluate('fresh');
const r11 = evaluateDevelopment('r11');
const r13 = evaluateDevelopment('r13');
const r13b = evaluateDevelopment('r13b');
const r13c = evaluateDevelopment('r13c');
const r13d = evaluateDevelopment('r13d');
const r14 = evaluateDevelopment('r14');
const r14b = evaluateDevelopment('r14b');
const r14c = evaluateDevelopment('r14c');
const r14d = evaluateDevelopment('r14d');
const r15 = evaluateDevelopment('r15');
const r15b = evaluateDevelopment('r15b');
const r15c = evaluateDevelopment('r15c');
const r15d = evaluateDevelopment('r15d');
const r16 = evaluateDevelopment('r16');
const r17 = evaluateDevelopment('r17');
const r19 = evaluateDevelopment('r19');
const r19b = evaluateDevelopment('r19b');
const dev = evaluateDevelopment('dev');
if (args.includes('--json')) {
  process.stdout.write(
    JSON.stringify(
      {
        ...(unseen2 ? { unseen2: { ...summary(unseen2.evaluation), missing: unseen2.missing } } : {}),
        ...(unseen ? { unseen: summary(unseen) } : {}),
        ...(test ? { test: summary(test) } : {}),
        ...(heldout ? { heldout: summary(heldout) } : {}),
        ...(fresh ? { fresh: summary(fresh) } : {}),
        r11: summary(r11),
        r13: summary(r13),
        r13b: summary(r13b),
        r13c: summary(r13c),
        r13d: summary(r13d),
        r14: summary(r14),
        r14b: summary(r14b),
        r14c: summary(r14c),
        r14d: summary(r14d),
        r15: summary(r15),
        r15b: summary(r15b),
        r15c: summary(r15c),
        r15d: summary(r15d),
        r16: summary(r16),
        r17: summary(r17),
        r19: summary(r19),
        r19b: summary(r19b),
        dev: summary(dev),
      },
      null,
      2,
    ) + '\n',
  );
} else {
  process.stdout.write(
    [
      ...(unseen2
        ? [
            table(
              unseen2.evaluation,
              `Second unseen set (round 19, a third independent author; aggregate only)${unseen2.missing.length > 0 ? ` — not there: ${unseen2.missing.join(', ')}` : ''}`,
            ),
          ]
        : []),
      ...(unseen ? [table(unseen, 'Unseen set (round 12, independent; aggregate only)')] : []),
      ...(test ? [table(test, 'Test part (round 6)')] : []),
      ...(heldout ? [table(heldout, 'Earlier held-out set')] : []),
      ...(fresh ? [table(fresh, 'Fresh part (rounds 9-10, not tuned or trained on)')] : []),
      table(r11, 'Round 11 (development, rules only)'),
      table(r13, 'Round 13a (development)'),
      table(r13b, 'Round 13b (development)'),
      table(r13c, 'Round 13c (development)'),
      table(r13d, 'Round 13d (development)'),
      table(r14, 'Round 14 (development)'),
      table(r14b, 'Round 14b (development)'),
      table(r14c, 'Round 14c (development)'),
      table(r14d, 'Round 14d (development)'),
      table(r15, 'Round 15a (development)'),
      table(r15b, 'Round 15b (development)'),
      table(r15c, 'Round 15c (development)'),
      table(r15d, 'Round 15d (development, final check: not tuned on)'),
      table(r16, 'Round 16 (development, by an independent author)'),
      table(r17, 'Round 17 (development, by an independent author)'),
      table(r19, 'Round 19 (development, by the coach engineer)'),
      table(r19b, 'Round 19b (development, final check: not tuned on)'),
      table(dev, 'Development (tuned and trained on)'),
    ].join('\n\n') + '\n',
  );
  if (args.includes('--misses')) {
    for (const part of [r19b, r19, r17, r16, r15d, r15c, r15b, r15, r14d, r14c, r14b, r14, r13d, r13c, r13b, r13, r11, dev]) {
      for (const m of part.misses) {
        process.stdout.write(
          `  ${part.part} miss [${m.kind}] ${m.text}\n    expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.got)}\n`,
        );
      }
    }
  }
}
