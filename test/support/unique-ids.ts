import assert from 'node:assert/strict';

/**
 * Checks a page's ids the way assistive technology relies on them: every id appears once, and
 * every reference to an id (a label's `for`, `aria-describedby`, `aria-labelledby`, the coach's
 * `data-coach-output`, an in-page link such as the error summary's) names one that exists. A
 * repeated id makes a label or a hint point at the first box of that name, silently.
 *
 * The pages are our own server-rendered HTML, so a small start-tag reader is enough: text a person
 * wrote is escaped (`&lt;`), and the contents of `<textarea>`, `<script>` and `<style>` are skipped.
 */

/** Attributes holding one id, or (the ARIA ones) a space-separated list of ids. */
const SINGLE_REFERENCES = ['for', 'data-coach-output', 'aria-activedescendant', 'aria-errormessage', 'list', 'form'];
const LIST_REFERENCES = ['aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-owns', 'aria-details', 'aria-flowto'];

export interface StartTag {
  name: string;
  attributes: Map<string, string>;
}

const decode = (value: string): string =>
  value.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? '';
  });

/** The start tags of `html`, in order, with their attributes (values decoded). */
export function startTags(html: string): StartTag[] {
  const tags: StartTag[] = [];
  const tag = /<!--[\s\S]*?-->|<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
  const attribute = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  let match: RegExpExecArray | null;
  while ((match = tag.exec(html)) !== null) {
    if (!match[1]) continue;
    const name = match[1].toLowerCase();
    const attributes = new Map<string, string>();
    for (const a of (match[2] ?? '').matchAll(attribute)) {
      attributes.set(a[1]!.toLowerCase(), decode(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    tags.push({ name, attributes });
    if (name === 'textarea' || name === 'script' || name === 'style') {
      // Raw text up to its end tag: never read as markup.
      const end = html.toLowerCase().indexOf(`</${name}`, tag.lastIndex);
      tag.lastIndex = end === -1 ? html.length : end;
    }
  }
  return tags;
}

/** Every problem with the ids of `html`, as readable lines; empty when all is well. */
export function idProblems(html: string): string[] {
  const tags = startTags(html);
  const counts = new Map<string, number>();
  for (const t of tags) {
    const id = t.attributes.get('id');
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const problems: string[] = [];
  for (const [id, n] of counts) {
    if (id.trim() === '' || /\s/.test(id)) problems.push(`<… id="${id}">: an id must be a non-empty word`);
    if (n > 1) problems.push(`id="${id}" appears ${n} times`);
  }
  for (const t of tags) {
    const refs: Array<[string, string]> = [];
    for (const name of SINGLE_REFERENCES) {
      const value = t.attributes.get(name);
      // `form` names a form only on controls; on <form> itself there is no such attribute.
      if (value !== undefined && !(name === 'form' && t.name === 'form') && !(name === 'list' && t.name !== 'input'))
        refs.push([name, value.trim()]);
    }
    for (const name of LIST_REFERENCES) {
      for (const value of (t.attributes.get(name) ?? '').split(/\s+/).filter(Boolean)) refs.push([name, value]);
    }
    const href = t.attributes.get('href');
    // An in-page link (a skip link, the error summary's link to a box) must land somewhere.
    if (t.name === 'a' && href?.startsWith('#') && href.length > 1) refs.push(['href', decodeURIComponent(href.slice(1))]);
    for (const [name, id] of refs) {
      if (!counts.has(id)) problems.push(`<${t.name} ${name}="${name === 'href' ? '#' : ''}${id}">: no element has id="${id}"`);
    }
  }
  return problems;
}

/** Fails with every id problem of the page at once, named by `where`. */
export function assertSoundIds(html: string, where: string): void {
  const problems = idProblems(html);
  assert.deepEqual(problems, [], `${where}:\n  ${problems.join('\n  ')}`);
}
