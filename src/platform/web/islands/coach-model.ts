/**
 * The coach itself — its rules, the trained model (weights and the code that reads them) and the
 * drawing of findings — as one module that the coach island imports only when a coached box is
 * first used, so no page downloads it with its first paint (docs/coach.md, docs/performance.md).
 * The message rules of round 14 come with it (model-rules.ts).
 */
import { RULE_BASE, analyzeWith } from '../../../core/coach/analyse.js';
import { readerFor } from '../../../core/coach/model.js';
import { withModelRules } from '../../../core/coach/model-rules.js';
import { COACH_MODELS } from '../../../core/coach/model-weights.js';
import type { CoachKind } from '../../../core/coach/types.js';
import { apologyPartFor, coachSummary, type CoachSummary } from '../../../core/coach/render-text.js';
import { isApologyComponent } from '../../../core/apology-components.js';
import type { ApologyAnalysis } from '../../../core/coach/types.js';

const MAX_TEXT = 10000;
const models = withModelRules(readerFor(COACH_MODELS), RULE_BASE);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A box of the apology builder: which part it is, and the partner's name its credit uses. */
export interface CoachPart {
  part?: string | undefined;
  partner?: string | undefined;
}

/**
 * Writes the findings for `text` into `output` with DOM text nodes: nothing typed is parsed as HTML.
 * A box of the apology builder (`part`) is read on its own, as the server reads it (render-text.ts).
 */
export function renderInto(output: HTMLElement, kind: CoachKind, text: string, box: CoachPart = {}): void {
  if (kind === 'apology' && box.part !== undefined && isApologyComponent(box.part)) {
    const analyse = (t: string) => analyzeWith(models, 'apology', t) as ApologyAnalysis;
    return draw(output, apologyPartFor(box.part, text, analyse, box.partner || undefined));
  }
  if (text.trim() === '') {
    output.replaceChildren();
    return;
  }
  draw(output, coachSummary(analyzeWith(models, kind, text.slice(0, MAX_TEXT)), kind));
}

function draw(output: HTMLElement, summary: CoachSummary): void {
  const box = el('div', `coach-findings${summary.attention ? ' coach-findings--attention' : ''}`);
  box.append(el('p', 'coach-findings__heading', summary.heading));
  if (summary.items.length > 0) {
    const list = el('ul', 'coach-findings__list');
    for (const item of summary.items) {
      const li = document.createElement('li');
      li.append(el('span', 'coach-findings__label', item.label), ': ', el('q', '', item.excerpt), ` — ${item.explanation}`);
      list.append(li);
    }
    box.append(list);
  }
  for (const note of summary.notes) box.append(el('p', 'coach-findings__note', note));
  output.replaceChildren(box);
}
