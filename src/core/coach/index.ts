/**
 * The gentle-language coach: a deterministic, explainable analyser with no I/O, shared by the
 * server, the CLI and the browser. See docs/coach.md.
 */
import { AGREEMENT_RULES, concreteQuestion, missingWhen } from './agreement-rules.js';
import { NON_APOLOGY_RULES, detectComponents } from './apology-rules.js';
import { MESSAGE_RULES } from './message-rules.js';
import { buildSuggestion } from './suggestion.js';
import { applyRules, fold, tidyFindings } from './text.js';
import type {
  AgreementAnalysis,
  ApologyAnalysis,
  CoachKind,
  CoachResult,
  MessageAnalysis,
} from './types.js';

export * from './types.js';
export { APOLOGY_GUIDANCE, type ApologyGuidance } from './guidance.js';
export { MESSAGE_FINDING_TYPES } from './message-rules.js';
export { NON_APOLOGY_TYPES } from './apology-rules.js';
export { AGREEMENT_FINDING_TYPES } from './agreement-rules.js';

function asText(text: unknown): string {
  return typeof text === 'string' ? text : '';
}

export function analyzeMessage(text: string): MessageAnalysis {
  const t = asText(text);
  const folded = fold(t);
  const findings = tidyFindings(applyRules(t, folded, MESSAGE_RULES));
  if (findings.length === 0) return { harsh: false, findings };
  return { harsh: true, findings, suggestion: buildSuggestion(t, findings, folded) };
}

export function analyzeApology(text: string): ApologyAnalysis {
  const t = asText(text);
  const folded = fold(t);
  const findings = tidyFindings(applyRules(t, folded, NON_APOLOGY_RULES));
  return { nonApology: findings.length > 0, components: detectComponents(folded), findings };
}

export function analyzeAgreement(text: string): AgreementAnalysis {
  const t = asText(text);
  const folded = fold(t);
  const found = applyRules(t, folded, AGREEMENT_RULES);
  const noWhen = missingWhen(t, folded);
  if (noWhen) found.push(noWhen);
  const findings = tidyFindings(found);
  if (findings.length === 0) return { vague: false, findings };
  return { vague: true, findings, question: concreteQuestion(findings) };
}

export function analyze(kind: 'message', text: string): MessageAnalysis;
export function analyze(kind: 'apology', text: string): ApologyAnalysis;
export function analyze(kind: 'agreement', text: string): AgreementAnalysis;
export function analyze(kind: CoachKind, text: string): CoachResult;
export function analyze(kind: CoachKind, text: string): CoachResult {
  switch (kind) {
    case 'message':
      return analyzeMessage(text);
    case 'apology':
      return analyzeApology(text);
    case 'agreement':
      return analyzeAgreement(text);
    default:
      throw new TypeError(`Unknown coach kind: ${String(kind)}`);
  }
}
