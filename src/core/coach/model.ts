/**
 * The coach's small trained model: logistic regression over word n-grams, trained by
 * `scripts/coach-train.ts` on the development part of the corpus only. It catches phrasings the
 * rules were not written for; the rules still explain the ones they know. Pure and deterministic:
 * the same text and weights always give the same score, and a score is explained by the n-grams
 * that weighed most.
 */

/** One head: a bias, a decision threshold on the probability, and a weight per feature. */
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
  u: 'you', ya: 'you', yu: 'you', ur: 'your', r: 'are', im: 'i am', ive: 'i have', id: 'i would',
  youre: 'you are', dont: 'do not', doesnt: 'does not', didnt: 'did not', cant: 'can not',
  cannot: 'can not', wont: 'will not', isnt: 'is not', wasnt: 'was not', arent: 'are not',
  werent: 'were not', havent: 'have not', hasnt: 'has not', wouldnt: 'would not', couldnt: 'could not',
  shouldnt: 'should not', its: 'it is', thats: 'that is', whats: 'what is', theres: 'there is',
  pls: 'please', plz: 'please', tho: 'though', rn: 'right now', tbh: 'to be honest', bc: 'because',
  cuz: 'because', coz: 'because', gonna: 'going to', wanna: 'want to', gotta: 'got to', sry: 'sorry',
  k: 'ok', kk: 'ok', okay: 'ok', lol: 'lol', lmao: 'lol', omg: 'oh my god', tmrw: 'tomorrow',
  w: 'with', mum: 'mother', mom: 'mother', apologise: 'apologize', apologised: 'apologized',
  behaviour: 'behavior', colour: 'color', centred: 'centered', realise: 'realize',
};

const CONTRACTION: Readonly<Record<string, string>> = {
  "won't": 'will not', "can't": 'can not', "shan't": 'shall not', "ain't": 'is not',
  "let's": 'let us', "it's": 'it is', "that's": 'that is', "what's": 'what is', "there's": 'there is',
  "he's": 'he is', "she's": 'she is', "who's": 'who is', "here's": 'here is',
};

/** Lower-cased (already folded) text → normalised word tokens. Emoji eye-rolls count as a word. */
export function tokens(folded: string): string[] {
  const out: string[] = [];
  const re = /[a-z0-9]+(?:'[a-z]+)?|\u{1F644}/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded)) !== null) {
    const raw = m[0];
    const whole = CONTRACTION[raw];
    if (whole !== undefined) {
      out.push(...whole.split(' '));
      continue;
    }
    const q = raw.indexOf("'");
    if (q > 0) {
      const head = raw.slice(0, q);
      const tail = raw.slice(q + 1);
      if (tail === 't' && head.endsWith('n')) out.push(WORDS[head.slice(0, -1)] ?? head.slice(0, -1), 'not');
      else {
        out.push(...(WORDS[head] ?? head).split(' '));
        const t = tail === 're' ? 'are' : tail === 'm' ? 'am' : tail === 'll' ? 'will' : tail === 've' ? 'have' : tail === 'd' ? 'would' : tail === 's' ? "'s" : tail;
        out.push(t);
      }
      continue;
    }
    const w = WORDS[raw];
    if (w !== undefined) out.push(...w.split(' '));
    else out.push(raw);
  }
  return out;
}

/**
 * Features of one text: unigrams, bigrams and trigrams, the opening word and pair (imperatives,
 * "fine."), and a length band (one-word replies read differently from paragraphs).
 */
export function features(folded: string): string[] {
  const t = tokens(folded);
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
  out.push(t.length <= 2 ? '#len:short' : t.length <= 8 ? '#len:mid' : '#len:long');
  return out;
}

/** Probability from the weights of the features present (each counted once). */
export function probability(model: LinearModel, feats: readonly string[]): number {
  let z = model.bias;
  const seen = new Set<string>();
  for (const f of feats) {
    if (seen.has(f)) continue;
    seen.add(f);
    z += model.weights[f] ?? 0;
  }
  return 1 / (1 + Math.exp(-z));
}

/** The word n-grams (not the length or position markers) that pushed the score up most. */
export function topWords(model: LinearModel, feats: readonly string[], count = 3): string[] {
  const weighed = new Map<string, number>();
  for (const f of feats) {
    if (f.startsWith('#')) continue;
    const w = model.weights[f] ?? 0;
    const key = f.replace(/^\^/, '');
    if (w > 0) weighed.set(key, Math.max(w, weighed.get(key) ?? 0));
  }
  const ranked = [...weighed.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // A bigram that contains a chosen word adds nothing to the explanation; keep distinct words.
  const out: string[] = [];
  for (const [k] of ranked) {
    if (out.some((o) => o.includes(k) || k.includes(o))) continue;
    out.push(k);
    if (out.length === count) break;
  }
  return out;
}

/** Sentence spans of a text ([start, end) offsets, trimmed), the unit a head scores and explains. */
export function sentences(folded: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /[^.!?;\n]+[.!?;]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded)) !== null) {
    const s = m.index + (m[0].length - m[0].trimStart().length);
    const e = m.index + m[0].trimEnd().length;
    if (/[a-z0-9\u{1F644}]/u.test(folded.slice(s, e))) out.push([s, e]);
  }
  return out;
}

export interface SentenceScore {
  start: number;
  end: number;
  probability: number;
  feats: string[];
}

/**
 * The highest-scoring stretch of a text for one head: each sentence read together with the one
 * after it, so "You promised to call and didn't. I felt let down." is read as the gentle
 * complaint it is. Null for a text with no words.
 */
export function bestSentence(model: LinearModel, folded: string): SentenceScore | null {
  let best: SentenceScore | null = null;
  const spans = sentences(folded);
  for (let i = 0; i < spans.length; i++) {
    const start = (spans[i] as [number, number])[0];
    const end = (spans[i + 1] ?? spans[i] as [number, number])[1];
    const feats = features(folded.slice(start, end));
    const p = probability(model, feats);
    if (!best || p > best.probability) best = { start, end, probability: p, feats };
  }
  return best;
}
