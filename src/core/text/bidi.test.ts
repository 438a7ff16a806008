import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closeOpenBidi, hasBidiControl } from './bidi.js';
import { nameProblem } from './names.js';

const [LRE, RLE, PDF, LRO, RLO] = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E'];
const [LRI, RLI, FSI, PDI] = ['\u2066', '\u2067', '\u2068', '\u2069'];
const CONTROLS = [LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, '\u200E', '\u200F', '\u061C'];

/** Depth of open embeddings and isolates after `text`, as UAX #9 counts them (rules X1–X7). */
function openAfter(text: string): number {
  const open: string[] = [];
  for (const ch of text) {
    if ([LRE, RLE, LRO, RLO, LRI, RLI, FSI].includes(ch)) open.push(ch);
    else if (ch === PDF && open.length > 0 && ![LRI, RLI, FSI].includes(open.at(-1)!)) open.pop();
    else if (ch === PDI) {
      const at = open.findLastIndex((o) => [LRI, RLI, FSI].includes(o));
      if (at >= 0) open.length = at;
    }
  }
  return open.length;
}

const bidiText = fc
  .array(fc.oneof(fc.constantFrom(...CONTROLS), fc.constantFrom('a', 'ש', ' ', '1', '.', 'é')), { maxLength: 40 })
  .map((a) => a.join(''));

describe('bidirectional controls', () => {
  test('every kind is recognised, and ordinary text (Hebrew and Arabic letters too) is not', () => {
    for (const ch of CONTROLS) assert.ok(hasBidiControl(`Sam${ch}`), ch.codePointAt(0)!.toString(16));
    for (const name of ['Sam', 'שרה', 'سارة', 'Zoë-Ann O’Neil']) assert.equal(hasBidiControl(name), false, name);
  });

  test('an override left open is closed at the end of the text; a stray closer is dropped', () => {
    assert.equal(closeOpenBidi(`Sam${RLO}evil`), `Sam${RLO}evil${PDF}`);
    assert.equal(closeOpenBidi(`a${RLI}b${RLE}c`), `a${RLI}b${RLE}c${PDF}${PDI}`);
    assert.equal(closeOpenBidi(`x${PDI}y${PDF}`), 'xy');
    // A PDF cannot close an embedding from outside an isolate, so it is dropped there.
    assert.equal(closeOpenBidi(`${RLE}a${LRI}b${PDF}`), `${RLE}a${LRI}b${PDI}${PDF}`);
  });

  test('balanced text comes back unchanged', () => {
    for (const t of ['plain', `a${RLE}b${PDF}c`, `${FSI}שלום${PDI} ok`, `x\u200Fy`]) assert.equal(closeOpenBidi(t), t);
  });

  test('property: whatever the text, nothing is left open after it, and its letters are kept in order', () => {
    fc.assert(
      fc.property(bidiText, (text) => {
        const closed = closeOpenBidi(text);
        assert.equal(openAfter(closed), 0);
        const letters = (s: string) => [...s].filter((c) => !CONTROLS.includes(c)).join('');
        assert.equal(letters(closed), letters(text));
        // Closing is idempotent: closed text is balanced text.
        assert.equal(closeOpenBidi(closed), closed);
      }),
    );
  });

  test('property: a closed text followed by anything leaves that anything at the outer level', () => {
    fc.assert(
      fc.property(bidiText, bidiText, (name, after) => {
        assert.equal(openAfter(closeOpenBidi(name) + closeOpenBidi(after)), 0);
      }),
    );
  });

  test('a name with a direction control is refused, with how to fix it', () => {
    assert.match(nameProblem(`Sam${RLO}`, 60, 'empty') ?? '', /direction marks/);
    assert.equal(nameProblem('שרה', 60, 'empty'), undefined);
    assert.equal(nameProblem('', 60, 'empty'), 'empty');
    assert.match(nameProblem('x'.repeat(61), 60, 'empty') ?? '', /at most 60/);
  });
});
