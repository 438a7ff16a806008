import type { Kysely, Selectable } from 'kysely';
import type { FieldBinding } from './field-binding.js';
import type { Database } from '../db/schema.js';

type Tables = { [T in keyof Database]: Database[T] extends { id: string } ? T : never }[keyof Database];
type RowOf<T extends Tables> = Selectable<Database[T]>;

/** The journey's space, read beside a row kept under a journey (`journey_space_id`). */
export interface JourneySpace {
  journey_space_id: string;
}

/** One encrypted column (`<column>_enc`) and what its values are bound to, read from the row. */
export interface BoundField<T extends Tables = Tables, C extends keyof RowOf<T> & string = keyof RowOf<T> & string, X = unknown> {
  readonly table: T;
  readonly column: string;
  /** The columns besides `id` the binding reads (the re-encryption steps select them). */
  readonly reads: readonly C[];
  /** Texts kept under a journey are bound to its space too: the walk joins `journeys` on this column. */
  readonly journeyColumn?: C;
  /** The binding of this column's value in `row`. */
  of(row: Pick<RowOf<T>, C | ('id' & keyof RowOf<T>)> & X): FieldBinding;
}

function field<T extends Tables, C extends keyof RowOf<T> & string, X = unknown>(
  table: T,
  column: string,
  reads: readonly C[],
  shape: (row: Pick<RowOf<T>, C> & X) => Pick<FieldBinding, 'owner' | 'visibility' | 'parents'>,
  journeyColumn?: C,
): BoundField<T, C, X> {
  return {
    table,
    column,
    reads,
    ...(journeyColumn ? { journeyColumn } : {}),
    of: (row) => ({ table, column, rowId: (row as unknown as { id: string }).id, ...shape(row) }),
  };
}

/**
 * Every encrypted column and its binding (docs/encryption.md, "Bound to who and what"). A text is
 * bound to its author, to the column that says who may read it, and to the rows that decide
 * where it is shown; a column that a legitimate change can alter without the text being written
 * again (an agreement's journey, set to null when the journey goes) is left out. A test checks
 * that every `_enc` column of the schema is listed here.
 */
export const BOUND = {
  accountEmail: field('accounts', 'email', ['id'], (r) => ({ owner: r.id, visibility: null, parents: {} })),
  accountDisplayName: field('accounts', 'display_name', ['id'], (r) => ({ owner: r.id, visibility: null, parents: {} })),
  spaceName: field('spaces', 'name', [], () => ({ owner: null, visibility: null, parents: {} })),
  breachDescription: field('breaches', 'description', ['recorded_by', 'description_visibility', 'space_id'], (r) => ({
    owner: r.recorded_by,
    visibility: r.description_visibility,
    parents: { space: r.space_id },
  })),
  // The prompt decides which sealed pair an entry is half of, so it is bound as well; the journey's
  // space too, so a journey moved to another space takes no readable text with it.
  entryText: field<'journey_entries', 'author_id' | 'visibility' | 'journey_id' | 'prompt' | 'reply_to', JourneySpace>(
    'journey_entries',
    'text',
    ['author_id', 'visibility', 'journey_id', 'prompt', 'reply_to'],
    (r) => ({
      owner: r.author_id,
      visibility: r.visibility,
      parents: { journey: r.journey_id, space: r.journey_space_id, prompt: r.prompt, reply_to: r.reply_to },
    }),
    'journey_id',
  ),
  // An apology is its author's own until delivered; it is delivered when written, never later.
  apologyText: field<'apologies', 'author_id' | 'delivered_at' | 'journey_id', JourneySpace>(
    'apologies',
    'text',
    ['author_id', 'delivered_at', 'journey_id'],
    (r) => apology(r),
    'journey_id',
  ),
  apologyParts: field<'apologies', 'author_id' | 'delivered_at' | 'journey_id', JourneySpace>(
    'apologies',
    'parts',
    ['author_id', 'delivered_at', 'journey_id'],
    (r) => apology(r),
    'journey_id',
  ),
  // What an answer to an apology says is missing: its writer's, read where the apology is read.
  apologyResponseWords: field('apology_responses', 'missing_words', ['by_id', 'apology_id'], (r) => ({
    owner: r.by_id,
    visibility: null,
    parents: { apology: r.apology_id },
  })),
  agreementText: field('agreements', 'text', ['proposed_by', 'space_id'], (r) => ({
    owner: r.proposed_by,
    visibility: null,
    parents: { space: r.space_id },
  })),
  checkinNote: field('checkins', 'note', ['account_id', 'note_visibility', 'space_id'], (r) => ({
    owner: r.account_id,
    visibility: r.note_visibility,
    parents: { space: r.space_id },
  })),
  reassuranceNote: field('reassurance_requests', 'note', ['requested_by', 'note_visibility', 'space_id'], (r) => ({
    owner: r.requested_by,
    visibility: r.note_visibility,
    parents: { space: r.space_id },
  })),
  // The answer is written to the partner who asked: always shared, so there is no column to bind.
  reassuranceAnswer: field('reassurance_requests', 'answer', ['answered_by', 'space_id'], (r) => ({
    owner: r.answered_by,
    visibility: null,
    parents: { space: r.space_id },
  })),
  meetingAgenda: field('meetings', 'agenda', ['created_by', 'space_id'], (r) => ({
    owner: r.created_by,
    visibility: null,
    parents: { space: r.space_id },
  })),
  logNote: field('agreement_log_entries', 'note', ['logged_by', 'note_visibility', 'space_id', 'agreement_id'], (r) => ({
    owner: r.logged_by,
    visibility: r.note_visibility,
    parents: { space: r.space_id, agreement: r.agreement_id },
  })),
  logReviewNote: field(
    'agreement_log_entries',
    'review_note',
    ['reviewed_by', 'review_note_visibility', 'space_id', 'agreement_id'],
    (r) => ({
      owner: r.reviewed_by,
      visibility: r.review_note_visibility,
      parents: { space: r.space_id, agreement: r.agreement_id },
    }),
  ),
  // The answer to a dispute is written by the partner who logged the occasion and is always shared.
  logReply: field('agreement_log_entries', 'reply', ['logged_by', 'space_id', 'agreement_id'], (r) => ({
    owner: r.logged_by,
    visibility: null,
    parents: { space: r.space_id, agreement: r.agreement_id },
  })),
  // A kept first answer can hold private words: it opens for the account that asked, nobody else.
  idempotentAnswer: field('idempotency_keys', 'answer', ['account_id'], (r) => ({ owner: r.account_id, visibility: null, parents: {} })),
  // Where a person's device is reached: theirs, and only for the session that turned push on.
  pushSubscription: field('push_subscriptions', 'subscription', ['account_id', 'session_id'], (r) => ({
    owner: r.account_id,
    visibility: null,
    parents: { session: r.session_id },
  })),
  // The instance's VAPID private key, bound to the public key it belongs with.
  vapidPrivateKey: field('vapid_keys', 'private_key', ['public_key'], (r) => ({
    owner: null,
    visibility: null,
    parents: { public_key: r.public_key },
  })),
  // A draft is its author's alone: bound to them, its space and the form it belongs to, so a draft
  // moved to another account or place in the database opens for nobody.
  draftFields: field('drafts', 'fields', ['account_id', 'space_id', 'place'], (r) => ({
    owner: r.account_id,
    visibility: 'draft',
    parents: { space: r.space_id, place: r.place },
  })),
  // A day's answer (issue #25): its author's, sealed as a couple's half or private for one alone;
  // bound to the space, the day and the question, so moved to another pair it opens for nobody.
  dailyAnswerText: field('daily_answers', 'text', ['account_id', 'visibility', 'space_id', 'day', 'question_id'], (r) => ({
    owner: r.account_id,
    visibility: r.visibility,
    parents: { space: r.space_id, day: r.day, question: r.question_id },
  })),
} as const;

/** When a value of a field is its author's alone, from its binding: the visibility column's value. */
type AuthorOnlyWhen = (visibility: string | null) => boolean;
const always: AuthorOnlyWhen = () => true;
// A note is read as private unless it says shared (docs/privacy-rules.md), so it is sealed so too.
const unlessShared: AuthorOnlyWhen = (v) => v !== 'shared';

/**
 * Every field whose values can be their author's alone, when they are, and the column that names
 * the author (the walk that seals a person's older texts again under their personal key reads by
 * it: features/accounts/personal-keys.ts `reseal`). Shared and sealed texts stay under the server's
 * key: the partner and the therapist must read them (a sealed entry once both have written).
 */
export const AUTHOR_ONLY_FIELDS: ReadonlyArray<{ field: BoundField; author: string; when: AuthorOnlyWhen }> = [
  { field: BOUND.breachDescription as unknown as BoundField, author: 'recorded_by', when: unlessShared },
  { field: BOUND.entryText as unknown as BoundField, author: 'author_id', when: (v) => v === 'private' },
  { field: BOUND.apologyText as unknown as BoundField, author: 'author_id', when: (v) => v === 'draft' },
  { field: BOUND.apologyParts as unknown as BoundField, author: 'author_id', when: (v) => v === 'draft' },
  { field: BOUND.checkinNote as unknown as BoundField, author: 'account_id', when: unlessShared },
  { field: BOUND.reassuranceNote as unknown as BoundField, author: 'requested_by', when: unlessShared },
  { field: BOUND.logNote as unknown as BoundField, author: 'logged_by', when: unlessShared },
  { field: BOUND.logReviewNote as unknown as BoundField, author: 'reviewed_by', when: unlessShared },
  // A kept first answer to a POST can repeat private words; it is only ever given to its account.
  { field: BOUND.idempotentAnswer as unknown as BoundField, author: 'account_id', when: always },
  // What a person is writing in a form.
  { field: BOUND.draftFields as unknown as BoundField, author: 'account_id', when: always },
  // Someone alone answers the daily question for themselves; a couple's halves are a sealed pair.
  { field: BOUND.dailyAnswerText as unknown as BoundField, author: 'account_id', when: (v) => v === 'private' },
];

const AUTHOR_ONLY = new Map(AUTHOR_ONLY_FIELDS.map((f) => [`${f.field.table}.${f.field.column}`, f.when]));

/**
 * Whether a value is its author's alone, so that it is sealed under their personal key (issue #23,
 * docs/encryption.md "Private to its author"). Decided per field (AUTHOR_ONLY_FIELDS); a field not
 * listed is never author-only (a test checks that every field with a private or draft visibility is).
 */
export function isAuthorOnly(binding: FieldBinding): boolean {
  if (binding.owner === null) return false;
  const when = AUTHOR_ONLY.get(`${binding.table}.${binding.column}`);
  return when !== undefined && when(binding.visibility);
}

function apology(
  r: { author_id: string; delivered_at: string | null; journey_id: string } & JourneySpace,
): Pick<FieldBinding, 'owner' | 'visibility' | 'parents'> {
  return {
    owner: r.author_id,
    visibility: r.delivered_at === null ? 'draft' : 'delivered',
    parents: { journey: r.journey_id, space: r.journey_space_id },
  };
}

/** The space of a journey, for sealing a text kept under it (a journey never changes space). */
export async function spaceOfJourney(db: Kysely<Database>, journeyId: string): Promise<string> {
  const row = await db.selectFrom('journeys').select('space_id').where('id', '=', journeyId).executeTakeFirst();
  if (!row) throw new Error('There is no such journey.');
  return row.space_id;
}

/** Every encrypted column, for the steps that re-encrypt them all (rotate-key, re-binding). */
export const BOUND_FIELDS: readonly BoundField[] = Object.values(BOUND) as unknown as readonly BoundField[];

/** The place-only context values were sealed with before they were bound (format v1). */
export const placeContext = (table: string, column: string, id: string): string => `${table}.${column}:${id}`;
