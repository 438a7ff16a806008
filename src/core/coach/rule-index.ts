/**
 * The message rules, run faster on the server and in the CLI: each rule is tried only where a
 * word (or mark) opens one of its matches, found in one pass over the text (rule-gate.ts reads
 * the openings from each pattern). The findings are those of `applyRules` — a unit test compares
 * them on the whole corpus and on random text. Kept out of the browser island, which runs the
 * plain scan, so as not to spend the page's JavaScript budget on server speed.
 */
import { matchOpenings } from './rule-gate.js';
import { makeFinding, scanWhole, type Rule } from './text.js';
import type { CoachFinding } from './types.js';

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

/**
 * Longer texts take the plain scan: the candidate buffer (offsets per rule) is kept between calls,
 * and this bounds it to ≈ 1.3 MB for the message rules. The API and the CLI accept no more anyway
 * (COACH_MAX_TEXT); only a direct caller can pass more.
 */
const MAX_INDEXED = 10000;

function indexOf(rules: readonly Rule[]): RuleIndex {
  const known = indexes.get(rules);
  if (known) return known;
  const sticky: (RegExp | null)[] = [];
  const openings: (readonly [root: number, opening: string, rule: number])[] = [];
  for (let r = 0; r < rules.length; r++) {
    const pattern = (rules[r] as Rule).pattern;
    const found = matchOpenings(pattern);
    // an opening beyond ASCII has no column: read the whole text for that rule
    // eslint-disable-next-line no-control-regex -- ASCII is \x00–\x7f, control characters included
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

/**
 * `applyRules` with the openings index: the same findings in the same order. It pays for a long
 * list (the message rules: one pass over the text instead of ~30 engine scans); for a handful of
 * rules the engine's own scan is as fast.
 */
export function applyIndexedRules(text: string, folded: string, rules: readonly Rule[]): CoachFinding[] {
  const out: CoachFinding[] = [];
  if (folded.length > MAX_INDEXED) {
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
