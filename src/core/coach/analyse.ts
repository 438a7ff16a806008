/**
 * The analysers, given the trained heads (or null for rules only). `index.ts` binds the shipped
 * weights for the server and CLI; the browser island starts with rules only and adds the same
 * weights when a coached box is first used (docs/coach.md).
 */
import { AGREEMENT_RULES, concreteQuestion, missingWhen } from './agreement-rules.js';
import { NON_APOLOGY_RULES, detectComponents, plain, type ComponentRule } from './apology-rules.js';
import { mocking, mockingAfter, warm } from './family-rules.js';
import { gentleFrame, judgingWord } from './gentle-frame.js';
import { MESSAGE_RULES } from './message-rules.js';
import { reportedWords, withoutQuotations } from './quoted.js';
// Types only: the model's code comes in the reader, so the browser island can fetch it on first use.
import type { CoachModelReader, LinearModel, Scan } from './model.js';
import type { ModelChecks, RuleBase } from './model-rules.js';
import { buildSuggestion } from './suggestion.js';
import { after, applyRules, before, fold, makeFinding, ruleSet, sentenceEnd, sentenceStart, tidyFindings, type Rule } from './text.js';
import type { AgreementAnalysis, ApologyAnalysis, CoachFinding, CoachKind, CoachResult, MessageAnalysis } from './types.js';

function asText(text: unknown): string {
  return typeof text === 'string' ? text : '';
}

function quoteList(words: readonly string[]): string {
  return words.map((w) => `"${w}"`).join(', ');
}

/**
 * A finding for the sentence a head scores highest, when the score reaches the head's threshold
 * and no rule has already explained that sentence. Its explanation names the words that weighed most.
 */
function modelFinding(
  reader: CoachModelReader,
  model: LinearModel,
  text: string,
  scanned: Scan,
  type: string,
  explain: (words: string) => string,
  ruleFindings: readonly CoachFinding[],
  whole = false,
  gentle: (stretch: string, previous: string) => boolean = () => false,
): CoachFinding | null {
  const best = reader.best(scanned, model);
  // A whole-text head decides on the text (an apology's parts read together) and points at its
  // highest-scoring sentence; a sentence head decides on that sentence.
  const p = whole ? reader.probability(scanned, model) : (best?.probability ?? 0);
  if (!best || p < model.threshold) return null;
  if (ruleFindings.some((f) => f.start < best.end && best.start < f.end)) return null;
  // a check-in in the sentence before counts too: "u ok? u seemed quiet"
  let q = best.start - 1;
  while (q > 0 && scanned.folded.charCodeAt(q) <= 32) q--;
  const previous = q > 0 ? scanned.folded.slice(sentenceStart(scanned.folded, q), best.start) : '';
  if (gentle(scanned.folded.slice(best.start, best.end), previous)) return null;
  const words = reader.explain(model, scanned.folded.slice(best.start, best.end));
  return makeFinding(text, type, best.start, best.end, explain(words.length > 0 ? quoteList(words) : 'the sentence as a whole'));
}

const TONE = (words: string) =>
  `The words that weighed most here (${words}) may land as criticism, contempt or shutting your partner out; saying what happened and how you feel is easier to hear.`;

const DEFLECTING = (words: string) =>
  `The words that weighed most here (${words}) may read as explaining the hurt away or putting it elsewhere; an apology lands when it stays with what you did.`;

/** What the rules that come with the model need from this code (model-rules.ts, `withModelRules`). */
export const RULE_BASE: RuleBase = {
  messageRules: MESSAGE_RULES,
  ruleSet,
  helpers: { after, before, judgingWord, mocking, mockingAfter, plain, sentenceEnd, warm },
};

/**
 * How the message rules are run: `applyRules` (every rule over the whole text) or, on the server
 * and in the CLI, `applyIndexedRules` (rule-index.ts), which finds the same in less time.
 */
export type RuleRunner = typeof applyRules;

export function analyzeMessageWith(
  models: CoachModelReader | null,
  text: string,
  run: RuleRunner = applyRules,
  rules: readonly Rule[] = models?.messageRules ?? MESSAGE_RULES,
  checks: ModelChecks | undefined = models?.checks,
): MessageAnalysis {
  const t = asText(text);
  // words inside a quotation are the quoted person's, not the writer's (quoted.ts)
  const folded = withoutQuotations(fold(t));
  const found = run(t, folded, rules).filter(
    (f) => !reportedWords(folded, before(folded, f.start)) && !checks?.drop(folded, f.type, f.start, f.end),
  );
  if (models) {
    const gentle = checks ? (s: string, p: string) => gentleFrame(s, p) || checks.gentle(s, p) : gentleFrame;
    const f = modelFinding(models, models.heads.harsh, t, models.scan(folded), 'tone', TONE, found, false, gentle);
    if (f) found.push(f);
  }
  const findings = tidyFindings(found);
  if (findings.length === 0) return { harsh: false, findings };
  return { harsh: true, findings, suggestion: buildSuggestion(t, findings, folded) };
}

export function analyzeApologyWith(
  models: CoachModelReader | null,
  text: string,
  componentRules: readonly ComponentRule[] | undefined = models?.componentRules,
): ApologyAnalysis {
  const t = asText(text);
  const folded = fold(t);
  const found = applyRules(t, folded, NON_APOLOGY_RULES);
  const components = detectComponents(folded, componentRules);
  if (models) {
    const scanned = models.scan(folded);
    const f = modelFinding(models, models.heads.nonApology, t, scanned, 'deflecting', DEFLECTING, found, true);
    if (f) found.push(f);
    // Parts the patterns missed, judged on the whole apology (where they sit does not matter).
    for (const head of ['responsibility', 'impact', 'change', 'repair'] as const) {
      const model = models.heads[head];
      if (components[head]) continue;
      // impact is what the wrong did to the partner, not what they were doing around it
      const context = head === 'impact' ? (models.checks?.partnerContext?.(folded) ?? null) : null;
      if (models.probability(context === null ? scanned : models.scan(context), model) >= model.threshold) components[head] = true;
    }
  }
  const findings = tidyFindings(found);
  return { nonApology: findings.length > 0, components, findings };
}

export function analyzeAgreementWith(_models: CoachModelReader | null, text: string): AgreementAnalysis {
  const t = asText(text);
  const folded = fold(t);
  const found = applyRules(t, folded, AGREEMENT_RULES);
  const noWhen = missingWhen(t, folded);
  if (noWhen) found.push(noWhen);
  const findings = tidyFindings(found);
  if (findings.length === 0) return { vague: false, findings };
  return { vague: true, findings, question: concreteQuestion(findings) };
}

export function analyzeWith(models: CoachModelReader | null, kind: CoachKind, text: string, run: RuleRunner = applyRules): CoachResult {
  switch (kind) {
    case 'message':
      return analyzeMessageWith(models, text, run);
    case 'apology':
      return analyzeApologyWith(models, text);
    case 'agreement':
      return analyzeAgreementWith(models, text);
    default:
      throw new TypeError(`Unknown coach kind: ${String(kind)}`);
  }
}
