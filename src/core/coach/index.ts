/**
 * The gentle-language coach: a deterministic, explainable analyser with no I/O, shared by the
 * server, the CLI and the browser. Rules find the phrasings they were written for; a small
 * trained model (model.ts, weights in model-weights.ts) catches others. See docs/coach.md.
 */
import { RULE_BASE, analyzeAgreementWith, analyzeApologyWith, analyzeMessageWith, analyzeWith } from './analyse.js';
import { readerFor } from './model.js';
import { COACH_MODELS } from './model-weights.js';
import { withModelRules } from './model-rules.js';
import { applyIndexedRules } from './rule-index.js';
import type { AgreementAnalysis, ApologyAnalysis, CoachKind, CoachResult, MessageAnalysis } from './types.js';

export * from './types.js';
export { APOLOGY_GUIDANCE, type ApologyGuidance } from './guidance.js';
export { MESSAGE_FINDING_TYPES } from './message-rules.js';
export { NON_APOLOGY_TYPES } from './apology-rules.js';
export { AGREEMENT_FINDING_TYPES } from './agreement-rules.js';

const MODEL = withModelRules(readerFor(COACH_MODELS), RULE_BASE);

export function analyzeMessage(text: string): MessageAnalysis {
  return analyzeMessageWith(MODEL, text, applyIndexedRules);
}

export function analyzeApology(text: string): ApologyAnalysis {
  return analyzeApologyWith(MODEL, text);
}

export function analyzeAgreement(text: string): AgreementAnalysis {
  return analyzeAgreementWith(MODEL, text);
}

export function analyze(kind: 'message', text: string): MessageAnalysis;
export function analyze(kind: 'apology', text: string): ApologyAnalysis;
export function analyze(kind: 'agreement', text: string): AgreementAnalysis;
export function analyze(kind: CoachKind, text: string): CoachResult;
export function analyze(kind: CoachKind, text: string): CoachResult {
  return analyzeWith(MODEL, kind, text, applyIndexedRules);
}
