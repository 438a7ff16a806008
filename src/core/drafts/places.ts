import { APOLOGY_COMPONENTS } from '../apology-components.js';
import { PROMPTS, isPromptKey, type PromptKey } from '../journey/prompts.js';
import { isIsoDate } from '../time.js';

/**
 * Drafts (issue #18): what a person is writing, kept for them alone until they send or discard it.
 * A draft belongs to one form, named by its *place*: `<kind>:<id>` or, for a journey prompt,
 * `entry:<journeyId>:<prompt>`. The place says which texts the form holds and how long each may
 * be (the same bounds as the text it becomes), and where it belongs (the row whose space it is
 * in). Pure: the drafts feature reads and writes, the forms build their place here.
 */

/** The limits of the texts a draft becomes, as their own features set them (a test compares). */
export const DRAFT_LIMITS = {
  /** journey/service.ts ENTRY_TEXT_MAX and DESCRIPTION_MAX */
  entry: 10_000,
  /** journey/service.ts APOLOGY_PART_MAX */
  apologyPart: 5_000,
  /** checkin/service.ts NOTE_MAX: check-in, meeting, reassurance and agreement-log notes */
  note: 2_000,
  /** agreements/service.ts AGREEMENT_TEXT_MAX */
  agreement: 2_000,
} as const;

/** What a place is kept under: the row that decides which space it is in. */
export type DraftParent = 'space' | 'journey' | 'entry' | 'agreement' | 'reassurance_request';

interface KindRule {
  readonly parent: DraftParent;
  /** The form's text boxes, by the name it posts them under, with the most each may hold. */
  readonly fields: Readonly<Record<string, number>>;
}

const text = (max: number) => ({ text: max });

/**
 * Every kind of draft. A meeting's record is kept per space: its form's day can change without its
 * words going missing. A check-in's note is kept per space *and day* (`checkin-note:<spaceId>:<date>`,
 * issue #20): a note begun for yesterday is yesterday's, and never turns up on today's check-in.
 */
export const DRAFT_KINDS = {
  /** The apology builder, every part (`parts.regret`, …). */
  apology: {
    parent: 'journey',
    fields: Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [`parts.${c}`, DRAFT_LIMITS.apologyPart])),
  },
  /**
   * The hurt partner's answer to an apology, what is missing in their own words
   * (`apology-answer:<journeyId>`; journey/apology-rules.ts APOLOGY_MISSING_WORDS_MAX is the note's 2,000).
   */
  'apology-answer': { parent: 'journey', fields: { missingWords: DRAFT_LIMITS.note } },
  /** A journey prompt's own entry (`entry:<journeyId>:<prompt>`), a question or a moment noted among them. */
  entry: { parent: 'journey', fields: text(DRAFT_LIMITS.entry) },
  /** An answer to a question or to a moment in the trigger log (`answer:<entryId>`). */
  answer: { parent: 'entry', fields: text(DRAFT_LIMITS.entry) },
  /** The weekly meeting's record (`meeting:<spaceId>`). */
  meeting: {
    parent: 'space',
    fields: {
      appreciations: DRAFT_LIMITS.note,
      wentWell: DRAFT_LIMITS.note,
      agreementLog: DRAFT_LIMITS.note,
      concern: DRAFT_LIMITS.note,
      requests: DRAFT_LIMITS.note,
    },
  },
  /**
   * The note of a day's check-in (`checkin-note:<spaceId>:<date>`). `checkin-note:<spaceId>`, with
   * no day, is the place drafts were kept under before; it still names one, so such a draft can be
   * read and discarded, but no page shows it on a day's form.
   */
  'checkin-note': { parent: 'space', fields: { note: DRAFT_LIMITS.note } },
  /** The note of an occasion being logged (`log:<agreementId>`). */
  log: { parent: 'agreement', fields: { note: DRAFT_LIMITS.note } },
  /** A call for reassurance (`reassurance:<spaceId>`). */
  reassurance: { parent: 'space', fields: { note: DRAFT_LIMITS.note } },
  /** The answer to a call for reassurance (`reassurance-answer:<requestId>`). */
  'reassurance-answer': { parent: 'reassurance_request', fields: { answer: DRAFT_LIMITS.note } },
  /** What broke trust, being recorded (`breach:<spaceId>`). */
  breach: { parent: 'space', fields: { description: DRAFT_LIMITS.entry } },
  /** An agreement being proposed in a journey (`agreement:<journeyId>`). */
  agreement: { parent: 'journey', fields: text(DRAFT_LIMITS.agreement) },
  /** A counter-proposal to an agreement (`counter:<agreementId>`). */
  counter: { parent: 'agreement', fields: text(DRAFT_LIMITS.agreement) },
} as const satisfies Record<string, KindRule>;

export type DraftKind = keyof typeof DRAFT_KINDS;

/** A place, read: its kind, the id of the row it belongs under, and the prompt of an entry's. */
export interface DraftPlace {
  readonly key: string;
  readonly kind: DraftKind;
  readonly parent: DraftParent;
  readonly parentId: string;
  readonly prompt: PromptKey | null;
  /** The day of a check-in note's place, when it names one. */
  readonly day: string | null;
}

/** The most a place can be: the longest kind, an id of 64 and a prompt. */
export const MAX_PLACE_LENGTH = 160;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const isKind = (value: string): value is DraftKind => Object.prototype.hasOwnProperty.call(DRAFT_KINDS, value);

/** The place a key names, or null when it names none Mend makes. */
export function parsePlace(key: string): DraftPlace | null {
  if (key.length > MAX_PLACE_LENGTH) return null;
  const [kind = '', id = '', prompt, ...rest] = key.split(':');
  if (!isKind(kind) || !ID.test(id) || rest.length > 0) return null;
  if (kind === 'entry') {
    // Replies are drafted under what they answer (`answer:<entryId>`), so a reply prompt has no place of its own.
    if (prompt === undefined || !isPromptKey(prompt) || PROMPTS[prompt].repliesTo !== null) return null;
    return { key, kind, parent: DRAFT_KINDS[kind].parent, parentId: id, prompt, day: null };
  }
  if (kind === 'checkin-note' && prompt !== undefined) {
    if (!isIsoDate(prompt)) return null;
    return { key, kind, parent: DRAFT_KINDS[kind].parent, parentId: id, prompt: null, day: prompt };
  }
  if (prompt !== undefined) return null;
  return { key, kind, parent: DRAFT_KINDS[kind].parent, parentId: id, prompt: null, day: null };
}

/** The names of the texts a place's form holds. */
export function draftFieldNames(kind: DraftKind): readonly string[] {
  return Object.keys(DRAFT_KINDS[kind].fields);
}

/** The words of one draft field as kept: a browser sends its line breaks as CRLF; a draft keeps LF. */
export const normaliseDraftText = (value: string): string => value.replace(/\r\n?/g, '\n');

/** Characters as the API's schemas count them (code points, not UTF-16 units). */
const length = (value: string): number => [...value].length;

export interface DraftFieldsResult {
  /** The texts to keep, by field name: only the place's own, line breaks normalised, empty ones left out. */
  readonly fields: Record<string, string>;
  /** Field name → what is wrong, in words a person can act on. */
  readonly problems: Record<string, string>;
}

/**
 * The texts of a draft for `kind`, from what was sent. A form sends all its fields (its choices,
 * its token): `strict: false` keeps the place's own and ignores the rest. The API says what it
 * means: `strict: true` names a field the place does not have as a problem. A text longer than
 * the text it becomes is a problem either way — a draft is never cut short silently.
 */
export function draftFields(kind: DraftKind, sent: Readonly<Record<string, unknown>>, o: { strict: boolean }): DraftFieldsResult {
  const limits: Readonly<Record<string, number>> = DRAFT_KINDS[kind].fields;
  const fields: Record<string, string> = {};
  const problems: Record<string, string> = {};
  for (const [name, value] of Object.entries(sent)) {
    const max = Object.prototype.hasOwnProperty.call(limits, name) ? limits[name] : undefined;
    if (max === undefined) {
      if (o.strict) problems[name] = `A draft of this kind has no “${name}”. Its texts are: ${Object.keys(limits).join(', ')}.`;
      continue;
    }
    if (typeof value !== 'string') {
      problems[name] = 'Send the words as text.';
      continue;
    }
    const words = normaliseDraftText(value);
    if (length(words) > max) {
      problems[name] = `Use at most ${max.toLocaleString('en-GB')} characters here; this has ${length(words).toLocaleString('en-GB')}.`;
      continue;
    }
    if (words.trim() !== '') fields[name] = words;
  }
  return { fields, problems };
}

/** Whether a draft holds any words at all (an empty one is not kept: it is the same as none). */
export const hasWords = (fields: Readonly<Record<string, string>>): boolean => Object.values(fields).some((v) => v.trim() !== '');

// ---- the places of Mend's forms ----------------------------------------------------------------

export const apologyPlace = (journeyId: string): string => `apology:${journeyId}`;
/** Answering an apology delivered in the journey: one at a time can wait for an answer. */
export const apologyAnswerPlace = (journeyId: string): string => `apology-answer:${journeyId}`;

/** An entry's place: an answer is kept under what it answers, any other prompt under its journey. */
export const entryPlace = (journeyId: string, prompt: PromptKey, replyTo: string | null | undefined): string =>
  replyTo ? `answer:${replyTo}` : `entry:${journeyId}:${prompt}`;

export const meetingPlace = (spaceId: string): string => `meeting:${spaceId}`;
/** A check-in note's place: one a day, so a draft never follows the person to another day's form. */
export const checkinNotePlace = (spaceId: string, date: string): string => `checkin-note:${spaceId}:${date}`;
/**
 * How long a day's check-in note draft is kept after it was last touched. A check-in can be written
 * for today and two days before (CHECKIN_BACKDATE_DAYS in features/checkin), and a day's date is
 * the writer's own: after five days of quiet its day can no longer be checked in for anywhere on
 * Earth, so no form will ever show the draft again, and unsent private words are not kept for nothing.
 */
export const DAY_NOTE_DRAFT_KEPT_DAYS = 5;
/** The places of day notes (a space id holds no colon): `checkin-note:<spaceId>:<date>`, for SQL LIKE. */
export const DAY_NOTE_PLACE_PATTERN = 'checkin-note:%:%';
/** Where check-in notes were kept before they were kept by day (read and discarded, never shown). */
export const undatedCheckinNotePlace = (spaceId: string): string => `checkin-note:${spaceId}`;
export const logPlace = (agreementId: string): string => `log:${agreementId}`;
export const reassurancePlace = (spaceId: string): string => `reassurance:${spaceId}`;
export const reassuranceAnswerPlace = (requestId: string): string => `reassurance-answer:${requestId}`;
export const breachPlace = (spaceId: string): string => `breach:${spaceId}`;
export const agreementPlace = (journeyId: string): string => `agreement:${journeyId}`;
export const counterPlace = (agreementId: string): string => `counter:${agreementId}`;
