/**
 * Builds an I-statement frame ("I feel … when … because … I need …") for a harsh message, reusing
 * the writer's own words where a rule can tell what happened. Square brackets mark the parts the
 * writer fills in; the frame is a starting point, never a rewrite of what they meant.
 */
import type { CoachFinding } from './types.js';
import { fold, sentenceEnd } from './text.js';

const FEELING =
  /\bi(?:'m| am| feel| felt)\s+(?:so\s+|really\s+|very\s+|just\s+)?(hurt|sad|angry|scared|afraid|lonely|alone|anxious|worried|betrayed|humiliated|embarrassed|ignored|invisible|unimportant|exhausted|frustrated|disappointed|confused|small|unsafe|shut out|unheard|rejected|furious|heartbroken|devastated|jealous|insecure)\b/;

// Past forms and words after "never" that cannot follow "you don't".
const NOT_BASE =
  /^(?:once|\w+ed|did|was|were|had|made|said|told|thought|took|gave|came|went|got|kept|knew|left|brought|bought|saw|felt|heard)\b/;

function clean(part: string): string {
  return part.replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,.!?;:]+$/g, '');
}

/** "you never listen to me" → when: "you don't listen to me", need: "you to listen to me". */
function fromAbsolute(text: string, folded: string, f: CoachFinding): { when?: string; need?: string } {
  const word = /\b(always|never|constantly|forever|rarely)$/.exec(folded.slice(f.start, f.end))?.[1];
  const restEnd = Math.min(sentenceEnd(folded, f.end), f.end + 160);
  const restFolded = folded.slice(f.end, restEnd);
  const cut = restFolded.search(/,|\bbut\b|\band you\b/);
  const rest = clean(text.slice(f.end, cut < 0 ? restEnd : f.end + cut));
  if (!rest || !word) return {};
  const subject = text.slice(f.start, f.end).replace(/\s*\b(?:always|never|constantly|forever|rarely)$/i, '');
  const isBe = /(?:'|’)re$|\bare$/i.test(subject);
  if (word === 'never' || word === 'rarely') {
    if (isBe) return { when: `${subject} not ${rest}` };
    if (NOT_BASE.test(fold(rest))) return {};
    return { when: `you don't ${rest}`, need: `you to ${rest}` };
  }
  return { when: `${subject} ${rest}`.replace(/^You\b/, 'you') };
}

/** `folded` is `fold(text)`; callers that already have it pass it to save a pass over the text. */
export function buildSuggestion(text: string, findings: readonly CoachFinding[], folded: string = fold(text)): string {
  const feeling = FEELING.exec(folded)?.[1] ?? '[hurt]';
  const absolute = findings.find((f) => f.type === 'absolute');
  const built = absolute ? fromAbsolute(text, folded, absolute) : {};
  const when = built.when ?? '[one specific moment: what happened, and when]';
  const need = built.need ?? '[one thing you would like instead]';
  return `I feel ${feeling} when ${when}, because [why it matters to you]. I need ${need}.`;
}
