import { RULE_BASE } from '../src/core/coach/analyse.js';
import { detectComponents } from '../src/core/coach/apology-rules.js';
import { features, probability, readerFor, type LinearModel } from '../src/core/coach/model.js';
import { COACH_MODELS } from '../src/core/coach/model-weights.js';
import { withModelRules } from '../src/core/coach/model-rules.js';
import { partnerAffected } from '../src/core/coach/partner-affected.js';
import { fold } from '../src/core/coach/text.js';
import { DEVELOPMENT_PARTS, load, type ApologyRow } from '../test/coach/evaluate.js';
import { outOfFold, type Example } from './coach-fit.js';
const M = withModelRules(readerFor(COACH_MODELS), RULE_BASE);
const ctxOf = (f: string) => M.checks?.partnerContext?.(f) ?? f;
const report = (title: string, rows: ApologyRow[], score: (r: ApologyRow, i: number) => number) => {
  const c = { headRight: 0, headWrong: 0, gateLoses: 0, gateGains: 0 };
  rows.forEach((r, i) => {
    const f = fold(r.text);
    if (detectComponents(f, M.componentRules).impact || score(r, i) < 0.64) return;
    r.components.impact ? c.headRight++ : c.headWrong++;
    if (!partnerAffected(ctxOf(f))) { r.components.impact ? c.gateLoses++ : c.gateGains++; console.log(' ', r.components.impact ? 'LOSE' : 'GAIN', r.text); }
  });
  console.log(title, c);
};
const all = DEVELOPMENT_PARTS.flatMap((p) => load<ApologyRow>('apologies', p));
report('shipped head, every development apology', all, (r) => M.probability(M.scan(ctxOf(fold(r.text))), M.heads.impact));
const rs = (['dev', 'r13', 'r13b', 'r13c', 'r13d'] as const).flatMap((p) => load<ApologyRow>('apologies', p));
const ex: Example[] = rs.map((r) => ({ text: r.text, y: r.components.impact, feats: features(fold(r.text)) }));
const sc = outOfFold(ex, (m: LinearModel, e: Example) => probability(m, features(ctxOf(fold(e.text)))));
report('out of fold, the rows the head is trained on', rs, (_, i) => sc[i] as number);
