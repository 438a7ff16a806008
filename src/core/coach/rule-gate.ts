/**
 * Which two-character openings a rule's pattern can start a match with, worked out from its
 * source, so that `applyRules` only tries a rule where a word starts with one of them instead of
 * letting the regular-expression engine try every alternative at every position of the text.
 *
 * The analysis is conservative: anything it does not understand (a wildcard, a class it cannot
 * list, a flag other than `g`) widens the set or gives `null`, and `null` means the rule is run
 * over the whole text as before. Matches are therefore the same either way — a unit test checks
 * this against the plain scan on the whole corpus and on random text.
 */

/** A possible start of a match: the characters known so far, and whether more may follow unknown. */
interface Start {
  s: string;
  open: boolean;
}

type Node =
  | { t: 'chars'; chars: string[] | null } // null: any character
  | { t: 'empty' } // assertions, anchors, lookarounds: they consume nothing
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'rep'; node: Node; min: number; once: boolean }; // once: at most one repetition

const K = 8;
const CLASS_LIMIT = 64;

class Parser {
  i = 0;
  constructor(readonly src: string) {}

  alt(): Node {
    const options: Node[] = [this.seq()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.seq());
    }
    return options.length === 1 ? (options[0] as Node) : { t: 'alt', options };
  }

  seq(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { t: 'seq', items };
  }

  quantified(node: Node): Node {
    const c = this.src[this.i];
    let min = -1;
    let once = false;
    if (c === '?') {
      min = 0;
      once = true;
    } else if (c === '*') min = 0;
    else if (c === '+') min = 1;
    else if (c === '{') {
      const m = /^\{(\d+)(,?)(\d*)\}/.exec(this.src.slice(this.i));
      if (!m) return node; // a literal "{"
      min = Number(m[1]);
      once = m[2] === '' ? min <= 1 : m[3] !== '' && Number(m[3]) <= 1;
      this.i += m[0].length - 1;
    }
    if (min < 0) return node;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: the same set of strings
    return { t: 'rep', node, min, once };
  }

  atom(): Node {
    const c = this.src[this.i++] as string;
    if (c === '(') {
      let look = false;
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
        this.i += 2;
        look = true;
      } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
        this.i += 3;
        look = true;
      } else if (this.src.startsWith('?<', this.i)) this.i = this.src.indexOf('>', this.i) + 1;
      const inner = this.alt();
      if (this.src[this.i] !== ')') throw new SyntaxError('unbalanced group');
      this.i++;
      return look ? { t: 'empty' } : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '.') return { t: 'chars', chars: null };
    if (c === '^' || c === '$') return { t: 'empty' };
    if (c === '\\') return this.escape(false);
    return { t: 'chars', chars: [c] };
  }

  /** After a backslash. In a class, `\b` is a backspace, elsewhere a word boundary. */
  escape(inClass: boolean): Node {
    const c = this.src[this.i++] as string;
    if (c === 'b' || c === 'B') return inClass ? { t: 'chars', chars: ['\b'] } : { t: 'empty' };
    if ('sSwWdD'.includes(c)) return { t: 'chars', chars: null };
    if (c === 'u') {
      const hex = this.src.slice(this.i, this.i + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { t: 'chars', chars: null };
      this.i += 4;
      return { t: 'chars', chars: [String.fromCharCode(parseInt(hex, 16))] };
    }
    if (c === 'x') {
      const hex = this.src.slice(this.i, this.i + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return { t: 'chars', chars: null };
      this.i += 2;
      return { t: 'chars', chars: [String.fromCharCode(parseInt(hex, 16))] };
    }
    const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };
    if (named[c] !== undefined) return { t: 'chars', chars: [named[c] as string] };
    if (/[0-9a-zA-Z]/.test(c)) return { t: 'chars', chars: null }; // back-references and the rest: unknown
    return { t: 'chars', chars: [c] };
  }

  charClass(): Node {
    let negated = false;
    if (this.src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const chars = new Set<string>();
    let unknown = negated;
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      const one = (): string | null => {
        const c = this.src[this.i++] as string;
        if (c !== '\\') return c;
        const e = this.escape(true);
        return e.t === 'chars' && e.chars && e.chars.length === 1 ? (e.chars[0] as string) : null;
      };
      const lo = one();
      if (lo === null) {
        unknown = true;
        continue;
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        const hi = one();
        if (hi === null || hi.charCodeAt(0) - lo.charCodeAt(0) > CLASS_LIMIT) unknown = true;
        else for (let code = lo.charCodeAt(0); code <= hi.charCodeAt(0); code++) chars.add(String.fromCharCode(code));
      } else chars.add(lo);
    }
    if (this.src[this.i] !== ']') throw new SyntaxError('unterminated class');
    this.i++;
    return { t: 'chars', chars: unknown || chars.size > CLASS_LIMIT ? null : [...chars] };
  }
}

/** The possible starts of a match of `node`, up to `k` characters. */
function starts(node: Node, k: number): Start[] {
  switch (node.t) {
    case 'empty':
      return [{ s: '', open: false }];
    case 'chars':
      return node.chars === null ? [{ s: '', open: true }] : node.chars.map((c) => ({ s: c, open: false }));
    case 'alt':
      return node.options.flatMap((o) => starts(o, k));
    case 'rep': {
      // after the first repetition anything of the node may follow again: leave the rest open
      const first = starts(node.node, k).map((x) => ({ s: x.s, open: x.open || (!node.once && x.s.length < k) }));
      return node.min === 0 ? [{ s: '', open: false }, ...first] : first;
    }
    case 'seq': {
      let partial: Start[] = [{ s: '', open: false }];
      const done: Start[] = [];
      for (const item of node.items) {
        const next: Start[] = [];
        for (const p of partial) {
          if (p.open || p.s.length >= k) done.push(p);
          else for (const x of starts(item, k - p.s.length)) next.push({ s: p.s + x.s, open: x.open });
        }
        partial = dedupe(next);
        if (partial.length === 0) break;
        if (partial.length > 4096) return [{ s: '', open: true }]; // too many to be worth listing
      }
      return dedupe([...done, ...partial]).map((x) => ({ s: x.s.slice(0, k), open: x.open || x.s.length > k }));
    }
  }
}

function dedupe(list: Start[]): Start[] {
  const seen = new Map<string, Start>();
  for (const x of list) {
    const key = `${x.open ? 1 : 0}${x.s}`;
    if (!seen.has(key)) seen.set(key, x);
  }
  return [...seen.values()];
}

const isWordChar = (c: string) => /^[A-Za-z0-9_]$/.test(c);

/** Where a rule's matches can begin: openings at a word start, and openings on punctuation. */
export interface Openings {
  /** Begin with a word character right after a word boundary: tried where a word starts. */
  words: string[];
  /** Begin with a character that is not a word character: tried wherever that character is. */
  marks: string[];
}

/**
 * The openings (up to K characters) every match of `pattern` begins with, or null when some
 * top-level alternative could begin anywhere (no `\b` before a word character, an empty or
 * unknown opening, a flag other than `g`).
 */
export function matchOpenings(pattern: RegExp): Openings | null {
  if (pattern.flags.replace(/[gy]/g, '') !== '') return null;
  const words = new Set<string>();
  const marks = new Set<string>();
  for (const alternative of topAlternatives(pattern.source)) {
    let list: Start[];
    try {
      const parser = new Parser(alternative);
      const tree = parser.alt();
      if (parser.i !== alternative.length) return null;
      list = starts(tree, K);
    } catch {
      return null;
    }
    const bounded = alternative.startsWith('\\b');
    for (const x of list) {
      if (x.s === '') return null;
      const word = isWordChar(x.s[0] as string);
      if (word && !bounded) return null; // could begin inside a word
      (word ? words : marks).add(x.s);
    }
  }
  return { words: [...words].sort(), marks: [...marks].sort() };
}

function topAlternatives(source: string): string[] {
  let depth = 0;
  let from = 0;
  const alternatives: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      alternatives.push(source.slice(from, i));
      from = i + 1;
    }
  }
  alternatives.push(source.slice(from));
  return alternatives;
}
