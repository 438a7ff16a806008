/**
 * A plain-text summary of a coach result, shared by the server-rendered findings
 * (src/features/coach/views/coach-findings.ts) and the live browser island, so both say the same words.
 */
import { APOLOGY_COMPONENTS } from '../apology-components.js';
import { APOLOGY_GUIDANCE } from './guidance.js';
import type { AgreementAnalysis, ApologyAnalysis, CoachKind, CoachResult, MessageAnalysis } from './types.js';

export interface CoachSummaryItem {
  label: string;
  excerpt: string;
  explanation: string;
}

export interface CoachSummary {
  /** True when there is something worth a second look (harsh, non-apology, missing parts, vague). */
  attention: boolean;
  heading: string;
  items: CoachSummaryItem[];
  /** Extra lines: a suggestion, a question, which apology parts are present or missing. */
  notes: string[];
}

export const FINDING_LABELS: Readonly<Record<string, string>> = {
  absolute: 'Always / never',
  character: 'About character',
  insult: 'Name-calling',
  blame: 'Blame',
  contempt: 'Contempt',
  sarcasm: 'Sarcasm',
  command: 'Shutting down',
  criticism: 'About what they do',
  defensive: 'Defending',
  stonewalling: 'Closing the door',
  threat: 'Threat',
  tone: 'May land hard',
  conditional: 'Conditional',
  'sorry-you-feel': '“Sorry you feel”',
  justification: '“Sorry, but”',
  passive: 'Passive wording',
  'blame-shifting': 'Shifting blame',
  minimising: 'Minimising',
  demanding: 'Expecting forgiveness',
  deflecting: 'Explaining it away',
  hedge: 'Leaves room',
  comparative: 'Compared with what?',
  abstract: 'Hard to see',
  'no-when': 'No when',
};

function items(result: CoachResult): CoachSummaryItem[] {
  return result.findings.map((f) => ({
    label: FINDING_LABELS[f.type] ?? f.type,
    excerpt: f.excerpt,
    explanation: f.explanation,
  }));
}

function labelOf(key: string): string {
  return (APOLOGY_GUIDANCE.find((g) => g.key === key)?.label ?? key).toLowerCase();
}

function messageSummary(r: MessageAnalysis): CoachSummary {
  if (!r.harsh) {
    return { attention: false, heading: 'Nothing here looks likely to land as harsh.', items: [], notes: [] };
  }
  return {
    attention: true,
    heading: 'A few words may be hard for your partner to hear. You are free to keep them.',
    items: items(r),
    notes: r.suggestion ? [`One way to say it: ${r.suggestion}`] : [],
  };
}

function apologySummary(r: ApologyAnalysis): CoachSummary {
  const present = APOLOGY_COMPONENTS.filter((c) => r.components[c]);
  const missing = APOLOGY_GUIDANCE.filter((g) => !r.components[g.key] && g.key !== 'forgiveness');
  const notes: string[] = [];
  if (present.length > 0) notes.push(`Already there: ${present.map(labelOf).join(', ')}.`);
  for (const g of missing) notes.push(`${g.label}: ${g.hint}`);
  const attention = r.nonApology || missing.length > 0;
  return {
    attention,
    heading: r.nonApology
      ? 'Some words may take away from your apology.'
      : missing.length > 0
        ? 'Your apology could say a little more.'
        : 'Your apology has each of the parts that help.',
    items: items(r),
    notes,
  };
}

function agreementSummary(r: AgreementAnalysis): CoachSummary {
  if (!r.vague) {
    return { attention: false, heading: 'This names something you can both see, and when.', items: [], notes: [] };
  }
  return {
    attention: true,
    heading: 'This agreement could be more concrete.',
    items: items(r),
    notes: r.question ? [r.question] : [],
  };
}

export function coachSummary(result: CoachResult, kind: CoachKind): CoachSummary {
  switch (kind) {
    case 'message':
      return messageSummary(result as MessageAnalysis);
    case 'apology':
      return apologySummary(result as ApologyAnalysis);
    case 'agreement':
      return agreementSummary(result as AgreementAnalysis);
  }
}
