/**
 * Text helpers shared by the rules. Rules match against a *folded* copy of the text that has
 * exactly the same length as the original (lower case, straight apostrophes and quotes), so a
 * match index is also an offset into what the user wrote.
 */
import type { CoachFinding } from './types.js';

const FOLD: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u02BC': "'",
  '\u0060': "'",
  '\u00B4': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u00A0': ' ',
  '\u2013': '-',
  '\u2014': '-',
};

const FOLDABLE = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4\u201C\u201D\u201E\u00A0\u2013\u2014]/g;

// eslint-disable-next-line no-control-regex -- ASCII is \x00–\x7f, control characters included
const NON_ASCII = /[^\x00-\x7f]/;

function foldChar(ch: string): string {
  return FOLD[ch] ?? ch;
}

/** Same-length, case- and apostrophe-folded copy of `text`. */
export function fold(text: string): string {
  // Fast path: lower-casing never shortens a character, so equal length means every character
  // kept its width and offsets still line up.
  const lower = text.toLowerCase();
  if (lower.length === text.length) return NON_ASCII.test(lower) ? lower.replace(FOLDABLE, foldChar) : lower;
  let out = '';
  for (const ch of text) {
    const folded = FOLD[ch];
    if (folded !== undefined) out += folded;
    else {
      const l = ch.toLowerCase();
      out += l.length === ch.length ? l : ch; // e.g. "İ" would grow, so it stays as written
    }
  }
  return out;
}

/** . ! ? ; and newline end a sentence. */
function endsSentence(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 59 || code === 10;
}

/** Looking further than this for a sentence boundary only costs time; rules need a clause. */
const MAX_SENTENCE = 400;

/** Start offset of the sentence that contains `index`. */
export function sentenceStart(folded: string, index: number): number {
  const stop = Math.max(0, index - MAX_SENTENCE);
  let i = index - 1;
  while (i >= stop && !endsSentence(folded.charCodeAt(i))) i--;
  return i + 1;
}

/** End offset (exclusive, before the punctuation) of the sentence that contains `index`. */
export function sentenceEnd(folded: string, index: number): number {
  const stop = Math.min(folded.length, index + MAX_SENTENCE);
  let i = index;
  while (i < stop && !endsSentence(folded.charCodeAt(i))) i++;
  return i;
}
/** The folded text of the sentence before `index` (from its start up to `index`). */
export function before(folded: string, index: number): string {
  return folded.slice(sentenceStart(folded, index), index);
}

/** The folded text of the sentence after `index` (from `index` to its end). */
export function after(folded: string, index: number): string {
  return folded.slice(index, sentenceEnd(folded, index));
}

export function makeFinding(text: string, type: string, start: number, end: number, explanation: string): CoachFinding {
  return { type, start, end, excerpt: text.slice(start, end), explanation };
}

/**
 * Orders findings by position and drops a finding of the same type that overlaps one already
 * kept, so one phrase is explained once.
 */
export function tidyFindings(findings: CoachFinding[]): CoachFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  const kept: CoachFinding[] = [];
  for (const f of sorted) {
    const clash = kept.some((k) => k.type === f.type && f.start < k.end && k.start < f.end);
    if (!clash) kept.push(f);
  }
  return kept;
}

/** A rule: a global pattern on the folded text, and an optional check of its context. */
export interface Rule {
  type: string;
  pattern: RegExp;
  explanation: string;
  /** Return false to skip this match (e.g. it is negated or warm). */
  accept?: (folded: string, start: number, end: number, match: RegExpExecArray) => boolean;
}

/**
 * Gives every rule the same object shape (same keys, same order), so the loop in \`applyRules\`
 * reads them through one fast property path instead of many.
 */
export function ruleSet(rules: readonly Rule[]): readonly Rule[] {
  return rules.map((r) => ({ type: r.type, pattern: factorBoundary(r.pattern), explanation: r.explanation, accept: r.accept }));
}

/** Top-level alternatives of a pattern source (escapes, classes and groups respected). */
export function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/**
 * `\bA|\bB|…` → `\b(?:A|B|…)`: the same matches (every such alternative begins with a
 * letter, so no other alternative can start where they do), but the boundary is tested once per
 * position instead of once per alternative, which roughly halves the time of a long list.
 */
export function factorBoundary(pattern: RegExp): RegExp {
  const alternatives = topLevelAlternatives(pattern.source);
  const bounded = alternatives.filter((a) => a.startsWith('\\b'));
  if (bounded.length < 2) return pattern;
  const others = alternatives.filter((a) => !a.startsWith('\\b'));
  // Only when the rest start with punctuation (", genius"), so the order of alternatives cannot matter.
  if (!others.every((o) => /^[^\w\\([.]/.test(o))) return pattern;
  const source = `\\b(?:${bounded.map((a) => a.slice(2)).join('|')})${others.map((o) => `|${o}`).join('')}`;
  return new RegExp(source, pattern.flags);
}

/** Runs rules over `text` and returns their findings (unsorted): every rule over the whole text. */
export function applyRules(text: string, folded: string, rules: readonly Rule[]): CoachFinding[] {
  const out: CoachFinding[] = [];
  for (const rule of rules) scanWhole(text, folded, rule, out);
  return out;
}

/** One rule over the whole text, by the engine: every position, matches in order. */
export function scanWhole(text: string, folded: string, rule: Rule, out: CoachFinding[]): void {
  const re = rule.pattern;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const start = m.index;
    const end = start + m[0].length;
    if (!rule.accept || rule.accept(folded, start, end, m)) {
      out.push(makeFinding(text, rule.type, start, end, rule.explanation));
    }
  }
}
