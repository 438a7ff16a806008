import type { GuideId } from './catalogue.js';

/**
 * The fixed shape of a guide file, checked by a test over every file and again when the server
 * loads one: a `# Title`, the `##` sections its kind requires in order, a length readable on a
 * phone in about two minutes, and a final `## Sources` list of citations, each cited in the text as
 * "(Surname et al., 2004)" and each citation in the text listed. Guides are Mend's own
 * reviewed words, yet the file may hold no raw HTML at all (the page renders Markdown only).
 */

export const STEP_SECTIONS = [
  'What this step is for',
  'What is normal',
  'What helps',
  'What tends to hurt',
  'When to see a therapist',
  'Sources',
] as const;

export const AFFAIR_SECTIONS = [
  'What this is about',
  'What is normal',
  'If you were hurt',
  'If you broke trust',
  'When to see a therapist',
  'Sources',
] as const;

/**
 * Words outside the sources. A step guide speaks to one reader; an affair guide speaks to both
 * partners, so it may be longer, still about two and a half minutes at an unhurried pace.
 */
export const WORD_RANGE = { step: [250, 450], affair: [300, 600] } as const;

export interface ParsedGuide {
  readonly title: string;
  readonly sections: readonly { readonly heading: string; readonly body: string }[];
  /** The items of the Sources list, without their bullet. */
  readonly sources: readonly string[];
  /** Words of the title and every section but the sources. */
  readonly words: number;
}

const countWords = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Splits a guide file into its title and `##` sections (nothing deeper is part of the shape). */
export function parseGuide(markdown: string): ParsedGuide {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let title = '';
  const sections: { heading: string; lines: string[] }[] = [];
  for (const line of lines) {
    const h1 = /^# (.+)$/.exec(line);
    const h2 = /^## (.+)$/.exec(line);
    if (h1 && title === '' && sections.length === 0) title = h1[1]!.trim();
    else if (h2) sections.push({ heading: h2[1]!.trim(), lines: [] });
    else sections.at(-1)?.lines.push(line);
  }
  const done = sections.map((s) => ({ heading: s.heading, body: s.lines.join('\n').trim() }));
  const sourcesBody = done.find((s) => s.heading === 'Sources')?.body ?? '';
  const sources = sourcesBody
    .split('\n')
    .filter((l) => /^[-*] /.test(l))
    .map((l) => l.slice(2).trim());
  const words = countWords(title) + done.filter((s) => s.heading !== 'Sources').reduce((n, s) => n + countWords(s.body), 0);
  return { title, sections: done, sources, words };
}

/**
 * A citation as the guides write them: authors, the year in brackets, a title, and where it was
 * published, e.g. `Gordon, K. C., Baucom, D. H., & Snyder, D. K. (2004). An integrative … *Journal of
 * Marital and Family Therapy*, 30(2), 213–231.`
 */
export function looksLikeCitation(item: string): boolean {
  return /^[\p{Lu}][\p{L}'’ -]+, (?:[\p{Lu}]\.[ -]?)+.*\((?:19|20)\d{2}\)\. .{10,}[.?!] .{3,}/u.test(item);
}

/** "Surname 2004" for a source item: its first author's surname and its year. */
function sourceKey(item: string): string | null {
  const match = /^([^,]+),.*?\(((?:19|20)\d{2})\)/u.exec(item);
  return match ? `${match[1]!.trim()} ${match[2]}` : null;
}

/**
 * The citations in the text, as "Surname 2004": each "(Gordon et al., 2004; Wegner et al., 1987)"
 * or "(Breines & Chen, 2012)" in brackets. A part of a bracket that is not a citation is skipped.
 */
export function citationsInText(text: string): string[] {
  const found: string[] = [];
  for (const bracket of text.matchAll(/\(([^()]*?(?:19|20)\d{2})\)/g)) {
    for (const part of bracket[1]!.split(';')) {
      const match = /^\s*([\p{Lu}][\p{L}'’-]+)(?: et al\.| & [\p{Lu}][\p{L}'’-]+)?, ((?:19|20)\d{2})\s*$/u.exec(part);
      if (match) found.push(`${match[1]} ${match[2]}`);
    }
  }
  return found;
}

/** Raw HTML, or a link that could run script: neither may appear in a guide. */
const RAW_HTML = /<\s*[a-z!/?]/i;
const SCRIPT_LINK = /\]\(\s*(?:javascript|data|vbscript):/i;
/** Words that push towards forgiving; Mend never does outside step 7 (docs/journey.md). */
const FORGIVENESS_NUDGE = /\b(should|ready to|time to|try to|please|can now|start to) forgiv|\bforgive (him|her|them|your partner)\b/i;

/** Everything wrong with a guide file, in plain words; empty when it has the required shape. */
export function guideProblems(id: GuideId, markdown: string): string[] {
  const problems: string[] = [];
  const guide = parseGuide(markdown);
  const required = id.kind === 'step' ? STEP_SECTIONS : AFFAIR_SECTIONS;
  const [least, most] = WORD_RANGE[id.kind];
  if (!/^# \S/.test(markdown)) problems.push('it does not start with a "# Title" line');
  const headings = guide.sections.map((s) => s.heading);
  if (headings.join('|') !== required.join('|')) problems.push(`its sections are [${headings.join(', ')}], not [${required.join(', ')}]`);
  for (const s of guide.sections) if (s.body === '') problems.push(`the section "${s.heading}" is empty`);
  if (guide.words < least || guide.words > most) problems.push(`it has ${guide.words} words, not ${least}–${most}`);
  if (guide.sources.length === 0) problems.push('its Sources section lists nothing');
  for (const item of guide.sources) if (!looksLikeCitation(item)) problems.push(`"${item.slice(0, 60)}…" does not look like a citation`);
  const cited = new Set(
    citationsInText(
      guide.sections
        .filter((s) => s.heading !== 'Sources')
        .map((s) => s.body)
        .join('\n'),
    ),
  );
  const listed = new Set(guide.sources.map(sourceKey));
  for (const c of cited) if (!listed.has(c)) problems.push(`the text cites ${c}, which is not in its Sources`);
  for (const l of listed) if (l && !cited.has(l)) problems.push(`its Sources list ${l}, which the text never cites`);
  if (RAW_HTML.test(markdown)) problems.push('it contains raw HTML');
  if (SCRIPT_LINK.test(markdown)) problems.push('it links to a script');
  if (/^#{3,} /m.test(markdown) || /^\s*```/m.test(markdown)) problems.push('it uses deeper headings or code blocks');
  if (!(id.kind === 'step' && id.step === 'forgive') && FORGIVENESS_NUDGE.test(markdown)) problems.push('it nudges towards forgiving');
  return problems;
}
