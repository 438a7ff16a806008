/**
 * A plain-text summary of a coach result, shared by the server-rendered findings
 * (src/features/coach/views/coach-findings.ts) and the live browser island, so both say the same words.
 */
import { APOLOGY_COMPONENTS, type ApologyComponent } from '../apology-components.js';
import { APOLOGY_GUIDANCE } from './guidance.js';
import {
  COACH_MAX_TEXT,
  type AgreementAnalysis,
  type ApologyAnalysis,
  type CoachKind,
  type CoachResult,
  type MessageAnalysis,
} from './types.js';

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

/**
 * What the builder says beside one of its boxes (issue #20). A box is read on its own words: a
 * filled box is credited with its own part — that is what it was written for — and anything that
 * may take away from the apology is shown beside the box where the words are. An empty box says
 * so (its helper above already says what helps), and whether its part is one that matters most. The other parts are never listed here; the page's summary tells which are
 * written (`apologyBuilderSummary`).
 *
 * `result` is the analysis of this box's text, or null when the box is empty.
 */
export const APOLOGY_PART_CREDITS: Readonly<Record<ApologyComponent, (partner: string) => string>> = {
  regret: () => 'This says that you are sorry.',
  responsibility: () => 'This owns what you did.',
  impact: (partner) => `This says what it did to ${partner}.`,
  change: (partner) => `This tells ${partner} what will change.`,
  repair: (partner) => `This offers ${partner} a way to make it right.`,
  forgiveness: () => 'This asks for forgiveness and leaves the answer open.',
};

export function apologyPartSummary(part: ApologyComponent, result: ApologyAnalysis | null, partner = 'your partner'): CoachSummary {
  const guidance = APOLOGY_GUIDANCE.find((g) => g.key === part);
  if (result === null) {
    return {
      attention: false,
      heading: part === 'forgiveness' ? 'Not written: this part is yours to leave out.' : 'Not written yet.',
      items: [],
      // The box's own helper already says what to write; the coach adds only whether it matters most.
      notes: guidance?.mattersMost ? ['This is one of the two parts that matter most to whether an apology helps.'] : [],
    };
  }
  const credit = APOLOGY_PART_CREDITS[part](partner);
  if (!result.nonApology) return { attention: false, heading: credit, items: [], notes: [] };
  return { attention: true, heading: `${credit} Some words here may take away from it.`, items: items(result), notes: [] };
}

/** One box of the builder, read the same way by the server and the browser island. */
export function apologyPartFor(
  part: ApologyComponent,
  text: string,
  analyse: (text: string) => ApologyAnalysis,
  partner = 'your partner',
): CoachSummary {
  return apologyPartSummary(part, text.trim() === '' ? null : analyse(text.slice(0, COACH_MAX_TEXT)), partner);
}

/**
 * The builder's summary above its boxes after "Check my apology": which parts have words (a filled
 * box counts, and so does a part the coach finds in another box's words) and, once, whether
 * anything beside a box is worth a second look. `findings` is how many boxes have something.
 */
export function apologyBuilderSummary(
  filled: readonly ApologyComponent[],
  found: Partial<Record<ApologyComponent, boolean>>,
  boxesWithFindings: number,
): CoachSummary {
  const present = APOLOGY_COMPONENTS.filter((c) => filled.includes(c) || found[c] === true);
  const missing = APOLOGY_GUIDANCE.filter((g) => g.key !== 'forgiveness' && !present.includes(g.key));
  const notes: string[] = [];
  if (present.length > 0) notes.push(`Already there: ${present.map(labelOf).join(', ')}.`);
  if (missing.length > 0)
    notes.push(`Not written yet: ${missing.map((g) => g.label.toLowerCase()).join(', ')}. Each box says what helps there.`);
  if (boxesWithFindings > 0) {
    notes.push(
      boxesWithFindings === 1
        ? 'A few words may take away from your apology; they are shown beside their box.'
        : `A few words in ${boxesWithFindings} boxes may take away from your apology; they are shown beside each box.`,
    );
  }
  return {
    attention: missing.length > 0 || boxesWithFindings > 0,
    heading: missing.length === 0 ? 'Your apology has each of the parts that help.' : 'Your apology could say a little more.',
    items: [],
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
