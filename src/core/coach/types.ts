import type { ApologyComponent } from '../apology-components.js';

/** What is being written: a message to or about the partner, an apology, or an agreement. */
export type CoachKind = 'message' | 'apology' | 'agreement';

export const COACH_KINDS: readonly CoachKind[] = ['message', 'apology', 'agreement'];

/** The longest text the API and CLI accept (the analysers themselves take any string). */
export const COACH_MAX_TEXT = 10000;

/**
 * One thing the coach noticed. `start`/`end` are UTF-16 offsets into the original text, so
 * `text.slice(start, end) === excerpt` always holds.
 */
export interface CoachFinding {
  type: string;
  start: number;
  end: number;
  excerpt: string;
  explanation: string;
}

export interface MessageAnalysis {
  harsh: boolean;
  findings: CoachFinding[];
  /** Present only when `harsh`: an I-statement frame built from the message where possible. */
  suggestion?: string;
}

export type ApologyComponents = Record<ApologyComponent, boolean>;

export interface ApologyAnalysis {
  nonApology: boolean;
  components: ApologyComponents;
  findings: CoachFinding[];
}

export interface AgreementAnalysis {
  vague: boolean;
  findings: CoachFinding[];
  /** Present only when `vague`: one question that helps make the agreement concrete. */
  question?: string;
}

export type CoachResult = MessageAnalysis | ApologyAnalysis | AgreementAnalysis;

export function isCoachKind(value: unknown): value is CoachKind {
  return value === 'message' || value === 'apology' || value === 'agreement';
}
