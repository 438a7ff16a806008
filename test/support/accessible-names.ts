/**
 * The accessible names of a form's controls, worked out from our own server-rendered HTML the way
 * a screen reader would hear them when moving from field to field: a box by its `<label for>` (or
 * the label around it), a group by its legend, a button or a disclosure by its text, each with
 * `aria-labelledby` and `aria-label` first. Visually hidden text counts (it is heard); `seen` is
 * the same name without it, what a sighted person reads. A description is the text of the elements
 * `aria-describedby` names. A small reader, enough for Mend's markup (no nested same-name tags
 * inside a label, legend, button or summary).
 */

export interface NamedControl {
  /** The element's tag, and for an input its type: `input:date`, `textarea`, `fieldset`, `button`, `summary`. */
  kind: string;
  id: string | null;
  name: string;
  seen: string;
  description: string;
}

const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|#39);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[lower] ?? '';
  });

/** The text of a piece of markup, as heard. */
export const heard = (markup: string) =>
  decode(markup.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
/** The text of a piece of markup, as seen: visually hidden spans left out. */
export const seen = (markup: string) => heard(markup.replace(/<span class="visually-hidden">[\s\S]*?<\/span>/g, ''));

const attribute = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : null;
};

/** The inner markup of the element with `id` on `page`, or ''. */
function elementById(page: string, id: string): string {
  const m = new RegExp(`<([a-z0-9]+)\\b[^>]*\\sid="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</\\1>`).exec(page);
  return m ? m[2]! : '';
}

/** Every named control of `form` (radio buttons aside: their group is the fieldset), ids looked up on `page`. */
export function namedControls(form: string, page: string): NamedControl[] {
  const out: NamedControl[] = [];
  const byIds = (ids: string | null, text: (m: string) => string) =>
    (ids ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => text(elementById(page, id)))
      .join(' ');
  const push = (kind: string, tag: string, inner: () => string) => {
    const id = attribute(tag, 'id');
    const labelledBy = attribute(tag, 'aria-labelledby');
    const label = attribute(tag, 'aria-label');
    const markup = labelledBy ? null : label !== null ? null : inner();
    const name = labelledBy ? byIds(labelledBy, heard) : (label ?? heard(markup!));
    const look = labelledBy ? byIds(labelledBy, seen) : (label ?? seen(markup!));
    out.push({ kind, id, name, seen: look, description: byIds(attribute(tag, 'aria-describedby'), heard) });
  };
  const labelFor = (id: string | null) =>
    id ? (new RegExp(`<label\\b[^>]*\\sfor="${id}"[^>]*>([\\s\\S]*?)</label>`).exec(form)?.[1] ?? '') : '';
  for (const m of form.matchAll(/<(input|textarea|select)\b[^>]*>/g)) {
    const type = m[1] === 'input' ? (attribute(m[0], 'type') ?? 'text') : null;
    if (type === 'hidden' || type === 'radio' || type === 'checkbox') continue;
    push(type ? `input:${type}` : m[1]!, m[0], () => labelFor(attribute(m[0], 'id')));
  }
  for (const m of form.matchAll(/(<fieldset\b[^>]*>)\s*<legend\b[^>]*>([\s\S]*?)<\/legend>/g)) push('fieldset', m[1]!, () => m[2]!);
  for (const m of form.matchAll(/(<button\b[^>]*>)([\s\S]*?)<\/button>/g)) push('button', m[1]!, () => m[2]!);
  for (const m of form.matchAll(/(<summary\b[^>]*>)([\s\S]*?)<\/summary>/g)) push('summary', m[1]!, () => m[2]!);
  return out;
}
