/**
 * Text helpers shared by the rules. Rules match against a *folded* copy of the text that has
 * exactly the same length as the original (lower case, straight apostrophes and quotes), so a
 * match index is also an offset into what the user wrote.
 */
import { matchOpenings } from './rule-gate.js';
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

export function makeFinding(
  text: string,
  type: string,
  start: number,
  end: number,
  explanation: string,
): CoachFinding {
  return { type, start, end, excerpt: text.slice(start, end), explanation };
}

/**
 * Orders findings by position and drops a finding of the same type that overlaps one already
 * kept, so one phrase is explained once.
 */
export function tidyFindings(findings: CoachFinding[]): CoachFinding[] {
  const sorted = [...findings].sort(
    (a, b) => a.start - b.start || b.end - a.end || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
  );
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
export function ruleSet(rules: readonly Rule[], options: { gated?: boolean } = {}): readonly Rule[] {
  const set = rules.map((r) => ({ type: r.type, pattern: factorBoundary(r.pattern), explanation: r.explanation, accept: r.accept }));
  if (options.gated) gatedSets.add(set);
  return set;
}

/**
 * Rule sets run through the openings index below. It pays for a long list (the message rules:
 * one pass over the text instead of ~30); for a handful of rules the engine's own scan is faster.
 */
const gatedSets = new WeakSet<readonly Rule[]>();

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

/**
 * Where each rule may start, by the first few characters of a word or mark (rule-gate.ts), as a
 * trie in typed arrays: one pass over the text lists, per rule, the offsets worth trying. A rule
 * the analysis cannot read is run over the whole text (`sticky[r]` is null).
 */
interface RuleIndex {
  sticky: (RegExp | null)[];
  /** Character code (below 128) → its column in the trie, or -1 when no opening uses it. */
  column: Int8Array;
  columns: number;
  /** Child node per node and column (0: none; node 0 is the word root, node 1 the mark root). */
  child: Int32Array;
  /** The rules whose opening ends at a node: `ruleIds[ruleFrom[node] … ruleFrom[node + 1])`. */
  ruleFrom: Int32Array;
  ruleIds: Int32Array;
  /** Codes below 128 that begin an opening on punctuation. */
  markCodes: Uint8Array;
  depth: number;
  /** Candidate offsets, `capacity` per rule, and how many each rule has (reused between calls). */
  candidates: Int32Array;
  counts: Int32Array;
  capacity: number;
}

const indexes = new WeakMap<readonly Rule[], RuleIndex>();

function indexOf(rules: readonly Rule[]): RuleIndex {
  const known = indexes.get(rules);
  if (known) return known;
  const sticky: (RegExp | null)[] = [];
  const openings: (readonly [root: number, opening: string, rule: number])[] = [];
  for (let r = 0; r < rules.length; r++) {
    const pattern = (rules[r] as Rule).pattern;
    const found = matchOpenings(pattern);
    // an opening beyond ASCII has no column: read the whole text for that rule
    const ascii = found !== null && [...found.words, ...found.marks].every((o) => /^[\x00-\x7f]+$/.test(o));
    sticky.push(ascii ? new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`) : null);
    if (!ascii || !found) continue;
    for (const o of found.words) openings.push([0, o, r]);
    for (const o of found.marks) openings.push([1, o, r]);
  }
  const column = new Int8Array(128).fill(-1);
  let columns = 0;
  for (const [, o] of openings) for (const ch of o) if (column[ch.charCodeAt(0)] === -1) column[ch.charCodeAt(0)] = columns++;
  // Build with plain arrays, then freeze into typed arrays.
  const children: number[][] = [[], []];
  const rulesAt: number[][] = [[], []];
  const markCodes = new Uint8Array(128);
  let depth = 0;
  for (const [root, o, r] of openings) {
    let node = root;
    for (let i = 0; i < o.length; i++) {
      const col = column[o.charCodeAt(i)] as number;
      let next = (children[node] as number[])[col];
      if (next === undefined) {
        next = children.length;
        (children[node] as number[])[col] = next;
        children.push([]);
        rulesAt.push([]);
      }
      node = next;
    }
    const at = rulesAt[node] as number[];
    if (!at.includes(r)) at.push(r);
    depth = Math.max(depth, o.length);
    if (root === 1) markCodes[o.charCodeAt(0)] = 1;
  }
  const child = new Int32Array(children.length * Math.max(columns, 1));
  children.forEach((row, node) => row.forEach((next, col) => (child[node * columns + col] = next)));
  const ruleFrom = new Int32Array(children.length + 1);
  const ids: number[] = [];
  rulesAt.forEach((list, node) => {
    ruleFrom[node] = ids.length;
    // ascending, so each rule's candidates stay in text order and a repeat is the last one
    ids.push(...[...list].sort((a, b) => a - b));
  });
  ruleFrom[children.length] = ids.length;
  const index: RuleIndex = {
    sticky,
    column,
    columns,
    child,
    ruleFrom,
    ruleIds: Int32Array.from(ids),
    markCodes,
    depth,
    candidates: new Int32Array(0),
    counts: new Int32Array(rules.length),
    capacity: 0,
  };
  indexes.set(rules, index);
  return index;
}

/** \w as regular expressions read it (no `u` flag): ASCII letters, digits and "_". */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95;
}

/** Fills `index.counts` and `index.candidates`: per rule, the offsets where one of its openings is. */
function findCandidates(index: RuleIndex, folded: string): void {
  const n = folded.length;
  if (index.capacity < n) {
    index.capacity = Math.max(n, 1024);
    index.candidates = new Int32Array(index.capacity * index.counts.length);
  }
  const { column, columns, child, ruleFrom, ruleIds, markCodes, depth, candidates, counts, capacity } = index;
  counts.fill(0);
  let previousWord = false;
  for (let p = 0; p < n; p++) {
    const c = folded.charCodeAt(p);
    const word = isWordCode(c);
    let node = word ? (previousWord ? -1 : 0) : c < 128 && markCodes[c] === 1 ? 1 : -1;
    previousWord = word;
    for (let d = 0; node >= 0 && d < depth && p + d < n; d++) {
      const code = folded.charCodeAt(p + d);
      const col = code < 128 ? (column[code] as number) : -1;
      if (col < 0) break;
      node = child[node * columns + col] as number;
      if (node === 0) break;
      for (let k = ruleFrom[node] as number, end = ruleFrom[node + 1] as number; k < end; k++) {
        const r = ruleIds[k] as number;
        const count = counts[r] as number;
        const base = r * capacity;
        if (count === 0 || candidates[base + count - 1] !== p) {
          candidates[base + count] = p;
          counts[r] = count + 1;
        }
      }
    }
  }
}

/** Runs rules over `text` and returns their findings (unsorted). */
export function applyRules(text: string, folded: string, rules: readonly Rule[]): CoachFinding[] {
  const out: CoachFinding[] = [];
  if (!gatedSets.has(rules)) {
    for (const rule of rules) scanWhole(text, folded, rule, out);
    return out;
  }
  const index = indexOf(rules);
  findCandidates(index, folded);
  const { candidates, counts, capacity } = index;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as Rule;
    const sticky = index.sticky[r];
    if (!sticky) {
      scanWhole(text, folded, rule, out);
      continue;
    }
    // The same matches, in the same order, as the global scan: a match can only start at a
    // candidate, and after a match (accepted or not) the scan goes on from its end.
    let from = 0;
    for (let k = r * capacity, end = k + (counts[r] as number); k < end; k++) {
      const p = candidates[k] as number;
      if (p < from) continue;
      sticky.lastIndex = p;
      const m = sticky.exec(folded);
      if (m === null) continue;
      const stop = p + m[0].length;
      from = stop;
      if (!rule.accept || rule.accept(folded, p, stop, m)) out.push(makeFinding(text, rule.type, p, stop, rule.explanation));
    }
  }
  return out;
}

/** The plain scan: every position, by the engine (rules the gate cannot read, and tests). */
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
