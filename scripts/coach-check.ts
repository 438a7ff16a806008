/**
 * Round 18's two questions, answered on development rows only (`node --import tsx
 * scripts/coach-check.ts`; it writes nothing and reads no held-out part):
 *
 * 1. Would a stricter threshold where only the model flags a message raise precision? The harsh
 *    head is scored out of fold on the rows it is trained on (five folds, the analyser with its
 *    rules, checks and gentle frames in the loop), and as shipped on the development parts it is
 *    not trained on (rounds 11 and 15–17).
 * 2. Would the impact head gain from the independent authors' apologies (rounds 16 and 17)? Each
 *    of those batches is held out in turn: the head is trained with the other one added and scored
 *    on the held-out batch and on the parts no variant is trained on (round 11, round 15d).
 *
 * docs/coach.md ("Round 18") gives the figures and what was decided from them.
 */
import { RULE_BASE, analyzeApologyWith, analyzeMessageWith } from '../src/core/coach/analyse.js';
import { features, probability, readerFor, type CoachModels, type LinearModel } from '../src/core/coach/model.js';
import { withModelRules } from '../src/core/coach/model-rules.js';
import { withoutQuotations } from '../src/core/coach/quoted.js';
import { applyIndexedRules } from '../src/core/coach/rule-index.js';
import { fold } from '../src/core/coach/text.js';
import { COACH_MODELS } from '../src/core/coach/model-weights.js';
import { load, type ApologyRow, type DevelopmentPart, type MessageRow } from '../test/coach/evaluate.js';
import { FOLDS, outOfFold, train, type Example } from './coach-fit.js';

const SHIPPED = withModelRules(readerFor(COACH_MODELS), RULE_BASE);
const THRESHOLDS = [0.93, 0.94, 0.95, 0.96, 0.97, 0.98];
const out = (line: string) => process.stdout.write(`${line}\n`);

// As in scripts/coach-train.ts: the parts the harsh head is trained on, and those it is not.
const HARSH_TRAINED: DevelopmentPart[] = ['dev', 'r13', 'r13b', 'r13c', 'r13d', 'r14', 'r14b', 'r14c', 'r14d'];
const HARSH_UNTRAINED: DevelopmentPart[] = ['r11', 'r15', 'r15b', 'r15c', 'r15d', 'r16', 'r17'];

/** A message's model-only score: -1 when a rule flags it or no `tone` finding would be raised at all. */
function modelOnlyScore(models: CoachModels, text: string): number {
  const reader = withModelRules(readerFor({ ...models, harsh: { ...models.harsh, threshold: 0 } }), RULE_BASE);
  if (analyzeMessageWith(null, text, applyIndexedRules, SHIPPED.messageRules, SHIPPED.checks).harsh) return -1;
  if (!analyzeMessageWith(reader, text, applyIndexedRules).findings.some((f) => f.type === 'tone')) return -1;
  return reader.best(reader.scan(withoutQuotations(fold(text))), reader.heads.harsh)?.probability ?? 0;
}

function harshTable(title: string, rows: { y: boolean; rule: boolean; score: number }[]): void {
  out(title);
  for (const t of THRESHOLDS) {
    let tp = 0,
      fp = 0,
      fn = 0,
      modelTp = 0,
      modelFp = 0;
    for (const r of rows) {
      const byModel = !r.rule && r.score >= t;
      const got = r.rule || byModel;
      if (got && r.y) tp++;
      else if (got) fp++;
      else if (r.y) fn++;
      if (byModel && r.y) modelTp++;
      else if (byModel) modelFp++;
    }
    out(
      `  threshold ${t.toFixed(2)}  P ${(tp / Math.max(1, tp + fp)).toFixed(3)}  R ${(tp / Math.max(1, tp + fn)).toFixed(3)}  false alarms ${fp}  model only: found ${modelTp}, false alarms ${modelFp}`,
    );
  }
}

// 1. The harsh head's threshold where only the model flags.
{
  const messages = HARSH_TRAINED.flatMap((p) => load<MessageRow>('messages', p));
  const examples: Example[] = messages.map((r) => ({ text: r.text, y: r.harsh, feats: features(withoutQuotations(fold(r.text))) }));
  const rows = new Array<{ y: boolean; rule: boolean; score: number }>(messages.length);
  for (let k = 0; k < FOLDS; k++) {
    const harsh: LinearModel = { ...train(examples.filter((_, i) => i % FOLDS !== k)), threshold: 0 };
    messages.forEach((r, i) => {
      if (i % FOLDS !== k) return;
      const score = modelOnlyScore({ ...COACH_MODELS, harsh }, r.text);
      rows[i] = { y: r.harsh, rule: score === -1 && analyzeMessageWith(SHIPPED, r.text, applyIndexedRules).harsh, score };
    });
  }
  harshTable(`harsh, out of fold on the ${messages.length} messages the head is trained on`, rows);
  const untrained = HARSH_UNTRAINED.flatMap((p) => load<MessageRow>('messages', p));
  harshTable(
    `harsh, the shipped head on the ${untrained.length} development messages it is not trained on (${HARSH_UNTRAINED.join(', ')})`,
    untrained.map((r) => {
      const score = modelOnlyScore(COACH_MODELS, r.text);
      return { y: r.harsh, rule: score === -1 && analyzeMessageWith(SHIPPED, r.text, applyIndexedRules).harsh, score };
    }),
  );
}

// 2. The impact head with an independent batch added, the other held out.
{
  const ROUND13: DevelopmentPart[] = ['dev', 'r13', 'r13b', 'r13c', 'r13d']; // what the impact head is trained on
  const WIDER: DevelopmentPart[] = [...ROUND13, 'r14', 'r14b', 'r15', 'r15b', 'r15c'];
  const SCORED: DevelopmentPart[] = ['r11', 'r15d', 'r16', 'r17'];
  const accuracy = (models: CoachModels | null, part: DevelopmentPart) => {
    const reader = models ? withModelRules(readerFor(models), RULE_BASE) : SHIPPED;
    const rows = load<ApologyRow>('apologies', part);
    return rows.filter((r) => analyzeApologyWith(reader, r.text).components.impact === r.components.impact).length;
  };
  out(
    `impact (apologies right): shipped  ${SCORED.map((p) => `${p} ${accuracy(null, p)}/${load<ApologyRow>('apologies', p).length}`).join('  ')}`,
  );
  for (const [name, base] of [
    ['round 13 parts', ROUND13],
    ['rounds 13-15 parts', WIDER],
  ] as const) {
    for (const added of ['r16', 'r17'] as const) {
      const rows = [...base, added].flatMap((p) => load<ApologyRow>('apologies', p));
      const examples: Example[] = rows.map((r) => ({ text: r.text, y: r.components.impact, feats: features(fold(r.text)) }));
      const rules = rows.map((r) => analyzeApologyWith(null, r.text, SHIPPED.componentRules).components.impact);
      const scores = outOfFold(examples, (m, e) => probability(m, e.feats));
      // as coach-train.ts chooses an apology part's threshold: the best out-of-fold accuracy
      let chosen = { t: 0.64, right: -1 };
      for (let t = 0.05; t < 0.995; t += 0.01) {
        const right = examples.filter((e, i) => e.y === ((rules[i] as boolean) || (scores[i] as number) >= t)).length;
        if (right > chosen.right) chosen = { t: Math.round(t * 100) / 100, right };
      }
      const weights = train(examples);
      for (const t of [0.64, chosen.t]) {
        const models: CoachModels = { ...COACH_MODELS, impact: { ...weights, threshold: t } };
        out(
          `  ${name} + ${added} (threshold ${t.toFixed(2)}${t === 0.64 ? ', kept' : ', cross-validated'})  ${SCORED.map((p) => `${p}${p === added ? ' (trained)' : ''} ${accuracy(models, p)}`).join('  ')}`,
        );
      }
    }
  }
}
