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
import { coachSummary } from '../../../core/coach/render-text.js';

const MAX_TEXT = 10000;
const models = withModelRules(readerFor(COACH_MODELS), RULE_BASE);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Writes the findings for `text` into `output` with DOM text nodes: nothing typed is parsed as HTML. */
export function renderInto(output: HTMLElement, kind: CoachKind, text: string): void {
  if (text.trim() === '') {
    output.replaceChildren();
    return;
  }
  const summary = coachSummary(analyzeWith(models, kind, text.slice(0, MAX_TEXT)), kind);
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
