/**
 * The coach's small trained model: logistic regression over word n-grams, trained by
 * `scripts/coach-train.ts` on the development part of the corpus only. It catches phrasings the
 * rules were not written for; the rules still explain the ones they know. Pure and deterministic:
 * the same text and weights always give the same score, and a score is explained by the n-grams
 * that weighed most.
 */

/** One head: a bias, a decision threshold on the probability, and a weight per feature. */
import type { ComponentRule } from './apology-rules.js';
import type { Rule } from './text.js';

export interface LinearModel {
  bias: number;
  threshold: number;
  weights: Readonly<Record<string, number>>;
}

export const MODEL_HEADS = ['harsh', 'nonApology', 'responsibility', 'impact', 'change', 'repair'] as const;
export type ModelHead = (typeof MODEL_HEADS)[number];

export type CoachModels = Readonly<Record<ModelHead, LinearModel>>;

/** Texting spellings and contractions, so "u r" and "you are" share their features. */
const WORDS: Readonly<Record<string, string>> = {
  u: 'you',
  ya: 'you',
  yu: 'you',
  ur: 'your',
  r: 'are',
  im: 'i am',
  ive: 'i have',
  id: 'i would',
  youre: 'you are',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  cant: 'can not',
  cannot: 'can not',
  wont: 'will not',
  isnt: 'is not',
  wasnt: 'was not',
  arent: 'are not',
  werent: 'were not',
  havent: 'have not',
  hasnt: 'has not',
  wouldnt: 'would not',
  couldnt: 'could not',
  shouldnt: 'should not',
  its: 'it is',
  thats: 'that is',
  whats: 'what is',
  theres: 'there is',
  pls: 'please',
  plz: 'please',
  tho: 'though',
  rn: 'right now',
  tbh: 'to be honest',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  gonna: 'going to',
  wanna: 'want to',
  gotta: 'got to',
  sry: 'sorry',
  k: 'ok',
  kk: 'ok',
  okay: 'ok',
  lol: 'lol',
  lmao: 'lol',
  omg: 'oh my god',
  tmrw: 'tomorrow',
  w: 'with',
  mum: 'mother',
  mom: 'mother',
  apologise: 'apologize',
  apologised: 'apologized',
  behaviour: 'behavior',
  colour: 'color',
  centred: 'centered',
  realise: 'realize',
};

const CONTRACTION: Readonly<Record<string, string>> = {
  "won't": 'will not',
  "can't": 'can not',
  "shan't": 'shall not',
  "ain't": 'is not',
  "let's": 'let us',
  "it's": 'it is',
  "that's": 'that is',
  "what's": 'what is',
  "there's": 'there is',
  "he's": 'he is',
  "she's": 'she is',
  "who's": 'who is',
  "here's": 'here is',
};

const EYE_ROLL = '\uD83D\uDE44';
const TOKEN = /[a-z0-9]+(?:'[a-z]+)?|\uD83D\uDE44/g;
const SUFFIX: Readonly<Record<string, string>> = { re: 'are', m: 'am', ll: 'will', ve: 'have', d: 'would', s: "'s" };

function pushWords(out: string[], words: string): void {
  const space = words.indexOf(' ');
  if (space < 0) out.push(words);
  else out.push(...words.split(' '));
}

/** Lower-cased (already folded) text → normalised word tokens. Emoji eye-rolls count as a word. */
export function tokens(folded: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(folded)) !== null) {
    const raw = m[0];
    if (raw === EYE_ROLL) {
      out.push(raw);
      continue;
    }
    const q = raw.indexOf("'");
    if (q < 0) {
      pushWords(out, WORDS[raw] ?? raw);
      continue;
    }
    const whole = CONTRACTION[raw];
    if (whole !== undefined) {
      pushWords(out, whole);
      continue;
    }
    const head = raw.slice(0, q);
    const tail = raw.slice(q + 1);
    if (tail === 't' && head.endsWith('n')) {
      pushWords(out, WORDS[head.slice(0, -1)] ?? head.slice(0, -1));
      out.push('not');
    } else {
      pushWords(out, WORDS[head] ?? head);
      out.push(SUFFIX[tail] ?? tail);
    }
  }
  return out;
}

/**
 * Features of one text: unigrams, bigrams and trigrams, the opening word and pair (imperatives,
 * "fine."), and a length band (one-word replies read differently from paragraphs). A feature
 * counts as often as it occurs, in training and in use alike.
 */
export function features(folded: string): string[] {
  return featuresOf(tokens(folded));
}

export function featuresOf(t: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    out.push(a);
    if (i + 1 < t.length) {
      const ab = `${a} ${t[i + 1] as string}`;
      out.push(ab);
      if (i + 2 < t.length) out.push(`${ab} ${t[i + 2] as string}`);
    }
  }
  if (t.length > 0) {
    out.push(`^${t[0] as string}`);
    if (t.length > 1) out.push(`^${t[0] as string} ${t[1] as string}`);
  }
  out.push(lengthBand(t.length));
  return out;
}

function lengthBand(n: number): string {
  return n <= 2 ? '#len:short' : n <= 8 ? '#len:mid' : '#len:long';
}

/** Probability from the weights of the features present (the training script's view). */
export function probability(model: LinearModel, feats: readonly string[]): number {
  let z = model.bias;
  for (const f of feats) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/**
 * The same sums as `probability`, without building n-gram strings: every word any head knows
 * gets a number shared by the heads, and an n-gram's key is computed from its words' numbers.
 * A text is read once (`scan`) and then scored by as many heads as needed. Built once per set
 * of heads.
 */
type Heads = Readonly<Record<string, LinearModel>>;

/** One head's weights by number: words and pairs in one map, triples by their pair. */
interface Keyed {
  w: Map<number, number>;
  tri: Map<number, Map<number, number>>;
  len: [number, number, number];
}

interface Compiled {
  ids: Map<string, number>;
  size: number;
  /** Known raw words already normalised and numbered, up to a bound, so common words skip that work. */
  memo: Map<string, readonly number[]>;
  heads: Map<LinearModel, Keyed>;
}

// Keys stay small integers (V8 hashes those fastest): word·4 + kind, pair·4 + kind, where
// pair = first·size + second, so size² · 4 must stay below 2^30.
const MAX_WORDS = 16000;
const MEMO_LIMIT = 20000;
const LENGTHS = ['#len:short', '#len:mid', '#len:long'];
const compiledHeads = new WeakMap<Heads, Compiled>();

function compile(heads: Heads): Compiled {
  const known = compiledHeads.get(heads);
  if (known) return known;
  const ids = new Map<string, number>();
  for (const model of Object.values(heads)) {
    for (const f of Object.keys(model.weights)) {
      if (f.startsWith('#')) continue;
      for (const word of f.replace(/^\^/, '').split(' ')) if (!ids.has(word)) ids.set(word, ids.size);
    }
  }
  if (ids.size >= MAX_WORDS) throw new RangeError('coach model vocabulary too large');
  const size = ids.size + 1;
  const keyedHeads = new Map<LinearModel, Keyed>();
  for (const model of Object.values(heads)) {
    const k: Keyed = { w: new Map(), tri: new Map(), len: [0, 0, 0] };
    for (const [f, value] of Object.entries(model.weights)) {
      const band = LENGTHS.indexOf(f);
      if (band >= 0) {
        k.len[band] = value;
        continue;
      }
      const first = f.startsWith('^');
      const words = (first ? f.slice(1) : f).split(' ').map((word) => ids.get(word) as number);
      const [x, y, z] = words as [number, number | undefined, number | undefined];
      if (y === undefined) k.w.set(x * 4 + (first ? 1 : 0), value);
      else if (z === undefined) k.w.set((x * size + y) * 4 + (first ? 3 : 2), value);
      else {
        const pair = x * size + y;
        let inner = k.tri.get(pair);
        if (!inner) k.tri.set(pair, (inner = new Map()));
        inner.set(z, value);
      }
    }
    keyedHeads.set(model, k);
  }
  const compiled = { ids, size, memo: new Map(), heads: keyedHeads };
  compiledHeads.set(heads, compiled);
  return compiled;
}

/** The raw words remembered for a set of heads (for the test that nothing else is kept). */
export function memoryOf(heads: Heads): IterableIterator<string> {
  return compile(heads).memo.keys();
}

/** Word numbers (-1: a word no head mentions, so no n-gram with it counts). */
function pushIds(c: Compiled, raw: string, out: number[]): void {
  let ids = c.memo.get(raw);
  if (ids === undefined) {
    ids = tokens(raw).map((w) => c.ids.get(w) ?? -1);
    // Only words the weights know (from Mend's own corpus) are remembered: a name or anything
    // else a person typed is never kept beyond this call.
    if (c.memo.size < MEMO_LIMIT && ids.every((id) => id >= 0)) c.memo.set(raw, ids);
  }
  for (const id of ids) out.push(id);
}

/** Sum of the n-grams that start in [from, to) and end before `limit` (sentence or window end). */
function ngramSum(k: Keyed, size: number, t: readonly number[], from: number, to: number, limit: number): number {
  const w = k.w;
  let z = 0;
  for (let i = from; i < to; i++) {
    const a = t[i] as number;
    if (a < 0) continue;
    z += w.get(a * 4) ?? 0;
    const b = i + 1 < limit ? (t[i + 1] as number) : -1;
    if (b < 0) continue;
    const pair = a * size + b;
    z += w.get(pair * 4 + 2) ?? 0;
    const d = i + 2 < limit ? (t[i + 2] as number) : -1;
    if (d >= 0) z += k.tri.get(pair)?.get(d) ?? 0;
  }
  return z;
}

/** The opening-word, opening-pair and length features of a stretch of `n` words from `from`. */
function edgeSum(k: Keyed, size: number, t: readonly number[], from: number, n: number): number {
  let z = k.len[n <= 2 ? 0 : n <= 8 ? 1 : 2];
  const a = n > 0 ? (t[from] as number) : -1;
  if (a >= 0) {
    z += k.w.get(a * 4 + 1) ?? 0;
    const b = n > 1 ? (t[from + 1] as number) : -1;
    if (b >= 0) z += k.w.get((a * size + b) * 4 + 3) ?? 0;
  }
  return z;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

const FUNCTION_WORDS = new Set(
  (
    'you your yours yourself are is am was were be been being do does did done not no i me my mine myself we us our ' +
    'it its the a an to of and or but so if in on at for with as by from up out than then there this that these those ' +
    'have has had will would can could shall should may might must just even oh one who what which when where why how ' +
    'all any some very really too also again now here ok well get got go going him her he she they them his their'
  ).split(' '),
);

/** The word n-grams (not the length or position markers) that pushed the score up most. */
export function topWords(model: LinearModel, feats: readonly string[], count = 3): string[] {
  const weighed = new Map<string, number>();
  for (const f of feats) {
    if (f.startsWith('#')) continue;
    const w = model.weights[f] ?? 0;
    const key = f.replace(/^\^/, '');
    if (w > 0) weighed.set(key, Math.max(w, weighed.get(key) ?? 0));
  }
  // Words like "you" or "do" weigh in every sentence and explain none: name the others first.
  const ranked = [...weighed.entries()]
    .filter(([k]) => !k.split(' ').every((w) => FUNCTION_WORDS.has(w)))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // A bigram that contains a chosen word adds nothing to the explanation; keep distinct words.
  const out: string[] = [];
  for (const [k] of ranked) {
    if (out.some((o) => o.includes(k) || k.includes(o))) continue;
    out.push(k);
    if (out.length === count) break;
  }
  return out;
}

export interface SentenceScore {
  start: number;
  end: number;
  probability: number;
}

/** Words and sentence ends; the end of a sentence is one of . ! ? ; or a new line. */

interface Sentence {
  from: number; // first word's index in the word numbers
  to: number;
  start: number; // offsets in the text: first word to the end of its closing punctuation
  end: number;
}

/** A text read once for a set of heads: its word numbers and its sentences. */
export interface Scan {
  folded: string;
  compiled: Compiled;
  t: number[];
  spans: Sentence[];
}

const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const isEndCode = (c: number) => c === 46 || c === 33 || c === 63 || c === 59 || c === 10;

/** Reads the text once, by hand (the same words as TOKEN), without a match object per word. */
export function scan(heads: Heads, folded: string): Scan {
  const compiled = compile(heads);
  const t: number[] = [];
  const spans: Sentence[] = [];
  let open: Sentence | null = null;
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const c = folded.charCodeAt(i);
    if (isEndCode(c)) {
      if (open) {
        // the sentence ends after its run of . ! ? ; but before a new line
        let j = i;
        while (j < n && isEndCode(folded.charCodeAt(j)) && folded.charCodeAt(j) !== 10) j++;
        open.end = j;
        spans.push(open);
        open = null;
      }
      i++;
      while (i < n && isEndCode(folded.charCodeAt(i))) i++;
      continue;
    }
    let j = i;
    if (isWordCode(c)) {
      while (j < n && isWordCode(folded.charCodeAt(j))) j++;
      if (folded.charCodeAt(j) === 39 && j + 1 < n && folded.charCodeAt(j + 1) >= 97 && folded.charCodeAt(j + 1) <= 122) {
        j++;
        while (j < n && folded.charCodeAt(j) >= 97 && folded.charCodeAt(j) <= 122) j++;
      }
    } else if (c === 0xd83d && folded.charCodeAt(i + 1) === 0xde44) j = i + 2;
    else {
      i++;
      continue;
    }
    if (!open) open = { from: t.length, to: 0, start: i, end: 0 };
    pushIds(compiled, folded.slice(i, j), t);
    open.to = t.length;
    open.end = j;
    i = j;
  }
  if (open) spans.push(open);
  return { folded, compiled, t, spans };
}

function weightsOf(s: Scan, model: LinearModel): Keyed {
  const w = s.compiled.heads.get(model);
  if (!w) throw new TypeError('model is not one of the scanned heads');
  return w;
}

/** `probability(model, features(folded))` for the whole scanned text. */
export function scanProbability(s: Scan, model: LinearModel): number {
  const w = weightsOf(s, model);
  const size = s.compiled.size;
  return sigmoid(model.bias + ngramSum(w, size, s.t, 0, s.t.length, s.t.length) + edgeSum(w, size, s.t, 0, s.t.length));
}

/** Words in a closing fragment: "Ever.", "Not cross, just gutted.", "Happy now?" */
const FRAGMENT_WORDS = 6;

/**
 * Round 16: a short last sentence after another one ("You never have to earn a hug from me. Just
 * come here.") is read alone only when the sentence before it leans the same way (the head's own
 * reading of it at least even odds): a fragment carries on the sentence it follows, and read
 * alone its shortness weighs more than its words ("Happy now?" after blame still counts).
 */
function closingFragment(bias: number, w: Keyed, size: number, s: Scan, i: number, inside: readonly number[]): boolean {
  const x = s.spans[i] as Sentence;
  if (x.to - x.from > FRAGMENT_WORDS) return false;
  const prev = s.spans[i - 1] as Sentence;
  return bias + (inside[i - 1] as number) + edgeSum(w, size, s.t, prev.from, prev.to - prev.from) < 0;
}

/**
 * The highest-scoring stretch of a text for one head: each sentence read together with the one
 * after it, so "You promised to call and didn't. I felt let down." is read as the gentle
 * complaint it is. Null for a text with no words. Each sentence's own n-grams are summed once;
 * a window adds the few that cross into the next sentence.
 */
export function scanBest(s: Scan, model: LinearModel): SentenceScore | null {
  const { spans, t } = s;
  if (spans.length === 0) return null;
  const w = weightsOf(s, model);
  const size = s.compiled.size;
  const inside = spans.map((x) => ngramSum(w, size, t, x.from, x.to, x.to));
  let best = -1;
  let bestZ = -Infinity;
  for (let i = 0; i < spans.length; i++) {
    const x = spans[i] as Sentence;
    const next = spans[i + 1];
    if (!next && i > 0 && closingFragment(model.bias, w, size, s, i, inside)) continue;
    let z = model.bias + (inside[i] as number);
    if (next) {
      // n-grams that start in this sentence's last two words and run into the next
      const tail = Math.max(x.from, x.to - 2);
      z += (inside[i + 1] as number) + ngramSum(w, size, t, tail, x.to, next.to) - ngramSum(w, size, t, tail, x.to, x.to);
    }
    z += edgeSum(w, size, t, x.from, (next ? next.to : x.to) - x.from);
    if (z > bestZ) {
      bestZ = z;
      best = i;
    }
  }
  const first = spans[best] as Sentence;
  const last = spans[best + 1] ?? first;
  return { start: first.start, end: last.end, probability: sigmoid(bestZ) };
}

const alone = new WeakMap<LinearModel, Heads>();
function only(model: LinearModel): Heads {
  let heads = alone.get(model);
  if (!heads) alone.set(model, (heads = { model }));
  return heads;
}

/** One head on one text (tests and the training script; the analysers scan once for all heads). */
export function bestSentence(model: LinearModel, folded: string): SentenceScore | null {
  return scanBest(scan(only(model), folded), model);
}

export function textProbability(model: LinearModel, folded: string): number {
  return scanProbability(scan(only(model), folded), model);
}

/**
 * The model's reading functions bound to one set of heads — all the analysers need of the model.
 * Passing them as one object keeps the model's code (and not only its weights) out of the browser
 * island until a coached box is first used: the island fetches this object, built from the same
 * heads as the server's (src/platform/web/islands/coach-model.ts).
 */
export interface CoachModelReader {
  heads: CoachModels;
  scan(folded: string): Scan;
  best(s: Scan, model: LinearModel): SentenceScore | null;
  probability(s: Scan, model: LinearModel): number;
  /** The n-grams of `folded` that weighed most for `model`. */
  explain(model: LinearModel, folded: string): string[];
  /** Message rules that come with the model (model-rules.ts); without them, the island's own. */
  messageRules?: readonly Rule[];
  /** Apology-part rules that come with the model (model-rules.ts). */
  componentRules?: readonly ComponentRule[];
  /** Checks that come with the model and leave more gentle messages alone (model-rules.ts). */
  checks?: ModelChecks;
}

const readers = new WeakMap<CoachModels, CoachModelReader>();

export function readerFor(heads: CoachModels): CoachModelReader {
  let reader = readers.get(heads);
  if (!reader) {
    reader = {
      heads,
      scan: (folded) => scan(heads, folded),
      best: scanBest,
      probability: scanProbability,
      explain: (model, folded) => topWords(model, features(folded)),
    };
    readers.set(heads, reader);
  }
  return reader;
}

/** Checks that come with the model (model-rules.ts) and leave more gentle messages alone. */
export interface ModelChecks {
  /** A rule finding to leave out: the message is gentler than the island's rules alone can tell. */
  drop(folded: string, type: string, start: number, end: number): boolean;
  /** More gentle frames for the model's `tone` finding (gentle-frame.ts has the first ones). */
  gentle(stretch: string, previous: string): boolean;
  /**
   * The apology with the partner's own part blanked — what they did, said or were doing around the
   * wrong ("you trusted me", "when you were on the phone", "I said you were lazy") — for the impact
   * head to read; null when there is none (round 15).
   */
  partnerContext?(folded: string): string | null;
}
