/**
 * The daily question's library (issue #25): questions and tiny exercises for two, and reflective
 * questions for one, grouped by the phase of repair. The words live in content/daily-questions.json
 * so they can be reviewed and translated in one place; this module only says what a valid library
 * is, so the server refuses to start on a broken one and the schema test checks the same rule.
 */
export const PHASES = ['early', 'rebuilding', 'reconnecting'] as const;
export type Phase = (typeof PHASES)[number];
export const KINDS = ['question', 'exercise'] as const;
export type ItemKind = (typeof KINDS)[number];

export interface DailyItem {
  /** Stable: stored answers name it, so it never changes or is reused once released. */
  readonly id: string;
  readonly phase: Phase;
  readonly kind: ItemKind;
  readonly text: string;
}

export interface DailyLibrary {
  /** For two: each partner answers, both open together. */
  readonly couple: readonly DailyItem[];
  /** For one person alone: reflective, private to them. */
  readonly solo: readonly DailyItem[];
}

export const ITEM_TEXT_MIN = 15;
export const ITEM_TEXT_MAX = 240;
export const MIN_COUPLE_ITEMS = 120;
/** Each phase holds at least this many couple items, so none runs dry or repeats soon. */
export const MIN_COUPLE_PER_PHASE = 35;
export const MIN_SOLO_ITEMS = 30;
export const MIN_SOLO_PER_PHASE = 8;
const ID = /^[a-z][a-z0-9-]{2,40}$/;

const isPhase = (v: unknown): v is Phase => typeof v === 'string' && (PHASES as readonly string[]).includes(v);
const isKind = (v: unknown): v is ItemKind => typeof v === 'string' && (KINDS as readonly string[]).includes(v);

function itemsOf(raw: unknown, where: string, problems: string[]): DailyItem[] {
  if (!Array.isArray(raw)) {
    problems.push(`${where} is not a list`);
    return [];
  }
  const items: DailyItem[] = [];
  raw.forEach((r: unknown, i) => {
    const at = `${where}[${i}]`;
    if (r === null || typeof r !== 'object') return void problems.push(`${at} is not an object`);
    const { id, phase, kind, text } = r as Record<string, unknown>;
    if (typeof id !== 'string' || !ID.test(id)) problems.push(`${at} has no valid id`);
    if (!isPhase(phase)) problems.push(`${at} has no phase from ${PHASES.join(', ')}`);
    if (!isKind(kind)) problems.push(`${at} has no kind from ${KINDS.join(', ')}`);
    if (typeof text !== 'string' || text.trim() !== text || text.length < ITEM_TEXT_MIN || text.length > ITEM_TEXT_MAX)
      problems.push(`${at} has no text of ${ITEM_TEXT_MIN} to ${ITEM_TEXT_MAX} characters`);
    if (typeof id === 'string' && isPhase(phase) && isKind(kind) && typeof text === 'string') items.push({ id, phase, kind, text });
  });
  return items;
}

/** The library in `raw`, with every problem found (an empty list when it is valid). */
export function checkLibrary(raw: unknown): { library: DailyLibrary; problems: string[] } {
  const problems: string[] = [];
  const doc = (raw ?? {}) as Record<string, unknown>;
  const couple = itemsOf(doc.couple, 'couple', problems);
  const solo = itemsOf(doc.solo, 'solo', problems);
  const seen = new Set<string>();
  for (const item of [...couple, ...solo]) {
    if (seen.has(item.id)) problems.push(`the id ${item.id} is used twice`);
    seen.add(item.id);
  }
  if (couple.length < MIN_COUPLE_ITEMS) problems.push(`only ${couple.length} items for two (at least ${MIN_COUPLE_ITEMS})`);
  if (solo.length < MIN_SOLO_ITEMS) problems.push(`only ${solo.length} items for one (at least ${MIN_SOLO_ITEMS})`);
  for (const phase of PHASES) {
    const n = couple.filter((i) => i.phase === phase).length;
    if (n < MIN_COUPLE_PER_PHASE) problems.push(`only ${n} items for two in phase ${phase} (at least ${MIN_COUPLE_PER_PHASE})`);
    const s = solo.filter((i) => i.phase === phase).length;
    if (s < MIN_SOLO_PER_PHASE) problems.push(`only ${s} items for one in phase ${phase} (at least ${MIN_SOLO_PER_PHASE})`);
  }
  return { library: { couple, solo }, problems };
}

/** The library in `raw`; throws naming the first problems when it is not valid. */
export function parseLibrary(raw: unknown): DailyLibrary {
  const { library, problems } = checkLibrary(raw);
  if (problems.length > 0) throw new Error(`The daily question library is not valid: ${problems.slice(0, 5).join('; ')}`);
  return library;
}

/** The item with this id, from either list. */
export const itemById = (library: DailyLibrary, id: string): DailyItem | undefined =>
  library.couple.find((i) => i.id === id) ?? library.solo.find((i) => i.id === id);
