/**
 * Unicode's bidirectional formatting characters (UAX #9, section 2): embeddings and overrides
 * (U+202A–U+202E), isolates (U+2066–U+2069), and the direction marks (U+200E, U+200F, U+061C).
 * Written into a name they can make the words around it read in another order — "Sam" turned
 * into a name that shows as something else, or a sentence on the partner's page reversed.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const BIDI_OPENER_OR_CLOSER = /[\u202A-\u202E\u2066-\u2069]/;

/** True when `text` holds any bidirectional formatting character. */
export function hasBidiControl(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

const EMBEDDINGS = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
const ISOLATES = new Set(['\u2066', '\u2067', '\u2068']);
const PDF = '\u202C';
const PDI = '\u2069';

/**
 * `text` with every embedding, override and isolate it opens closed at its end, and closers
 * that match nothing it opened dropped: whatever it does to its own letters, it cannot change the
 * order of anything shown after it (or close something around it). Text that opens nothing comes
 * back unchanged, so a right-to-left writer's balanced marks are kept as written.
 */
export function closeOpenBidi(text: string): string {
  if (!BIDI_OPENER_OR_CLOSER.test(text)) return text;
  const open: string[] = [];
  let out = '';
  for (const ch of text) {
    if (EMBEDDINGS.has(ch) || ISOLATES.has(ch)) {
      open.push(ch);
    } else if (ch === PDF) {
      // Closes the innermost embedding, never across an isolate (UAX #9, rule X7).
      if (open.length === 0 || !EMBEDDINGS.has(open[open.length - 1]!)) continue;
      open.pop();
    } else if (ch === PDI) {
      // Closes the innermost isolate and every embedding opened inside it (rule X6a).
      const at = open.findLastIndex((o) => ISOLATES.has(o));
      if (at < 0) continue;
      open.length = at;
    }
    out += ch;
  }
  for (let i = open.length - 1; i >= 0; i--) out += ISOLATES.has(open[i]!) ? PDI : PDF;
  return out;
}
