import { randomUUID } from 'node:crypto';
import { normaliseEmail } from '../../features/accounts/store.js';
import { newInvitationCode, sha256 } from '../../platform/db/ids.js';
import type { Vault } from '../../platform/vault/vault.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import type { FieldBinding } from '../../platform/vault/field-binding.js';
import { clamp, prng } from './demo.js';

/**
 * The rows of seeded couples, built in memory and written in bulk by `seed-writer.ts`. The column
 * lists follow the schema; values that people write are sealed with the Vault under the same
 * binding the stores use (platform/vault/bound-fields.ts), so the app reads them as its own.
 */
export const SEED_TABLES = {
  accounts: [
    'id',
    'email_index',
    'email_enc',
    'display_name_enc',
    'password_hash',
    'timezone',
    'checkin_numbers_shared',
    'created_at',
    'updated_at',
  ],
  spaces: ['id', 'name_enc', 'created_at'],
  space_members: ['space_id', 'account_id', 'role', 'status', 'joined_at'],
  invitations: ['id', 'space_id', 'code_hash', 'role', 'created_by', 'created_at', 'expires_at', 'accepted_at', 'accepted_by'],
  breaches: [
    'id',
    'space_id',
    'kind',
    'broke_trust',
    'occurred_on',
    'came_out',
    'hurt',
    'description_enc',
    'description_visibility',
    'recorded_by',
    'recorded_at',
  ],
  journeys: ['id', 'breach_id', 'space_id', 'opened_at', 'closed_at'],
  journey_entries: ['id', 'journey_id', 'prompt', 'author_id', 'visibility', 'text_enc', 'reply_to', 'created_at', 'updated_at'],
  journey_acknowledgements: ['journey_id', 'account_id', 'created_at'],
  agreements: [
    'id',
    'space_id',
    'journey_id',
    'text_enc',
    'cadence',
    'review_on',
    'status',
    'proposed_by',
    'proposed_at',
    'accepted_by',
    'accepted_at',
    'replaces_id',
    'replaced_by_id',
    'withdrawn_at',
  ],
  agreement_commitments: ['agreement_id', 'account_id'],
  checkins: [
    'id',
    'space_id',
    'account_id',
    'date',
    'safety',
    'trust',
    'closeness',
    'day',
    'note_enc',
    'note_visibility',
    'created_at',
    'updated_at',
  ],
  agreement_log_entries: [
    'id',
    'agreement_id',
    'space_id',
    'occurred_on',
    'kept',
    'logged_by',
    'note_enc',
    'note_visibility',
    'created_at',
    'review',
    'reviewed_by',
    'reviewed_at',
    'review_note_enc',
    'review_note_visibility',
  ],
} as const;

export type SeedTable = keyof typeof SEED_TABLES;
/** Tables in the order their foreign keys allow. */
export const SEED_TABLE_ORDER = Object.keys(SEED_TABLES) as SeedTable[];
/** Every other seeded column is text. */
export const INTEGER_COLUMNS: ReadonlySet<string> = new Set([
  'hurt',
  'safety',
  'trust',
  'closeness',
  'kept',
  'revision',
  'checkin_numbers_shared',
]);

export type Value = string | number | null;
export type SeedRows = Record<SeedTable, Value[][]>;

export const emptyRows = (): SeedRows => Object.fromEntries(SEED_TABLE_ORDER.map((t) => [t, []])) as unknown as SeedRows;
export const rowCount = (rows: SeedRows): number => SEED_TABLE_ORDER.reduce((n, t) => n + rows[t].length, 0);

/** One seeded couple: enough for a benchmark to sign in and reach their pages. */
export interface SeededCouple {
  spaceId: string;
  journeyId: string;
  /** [partner who broke trust, partner who was hurt] */
  emails: [string, string];
}

/** What stays the same for every couple of one run. */
export interface SeedRun {
  tag: string;
  passwordHash: string;
  /** The run's last day (UTC), kept so that a resumed run writes the same calendar. */
  today: string;
  days: number;
}

/**
 * Ids for the two big tables (check-ins and agreement log entries, ~99% of the rows): UUIDs whose
 * first 48 bits are the time in milliseconds (the UUIDv7 layout), so that their primary-key index
 * grows at one end instead of every insert landing on a random page — on PostgreSQL each first
 * touch of a page after a checkpoint writes the whole page to the WAL. The app writes random v4
 * ids; to the app an id is only text, so nothing reads them differently.
 */
export function orderedId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

const CHECKIN_NOTES = [
  'We walked after dinner and it felt easy.',
  'A hard one. I kept thinking about the old excuses.',
  'Quiet evening, no phones. It helped.',
];
const MISSED_NOTE = 'I skipped the part about the phone call. Owning it.';

export const seededEmails = (run: Pick<SeedRun, 'tag'>, index: number): [string, string] => {
  const number = String(index + 1).padStart(6, '0');
  return [`alex.${number}.${run.tag}@seed.mend.invalid`, `sam.${number}.${run.tag}@seed.mend.invalid`];
};

/** The account-email blind index the app looks people up by (same normalisation as AccountStore). */
export const emailIndex = (vault: Vault, email: string): string => vault.index('account-email', normaliseEmail(email));

function dayList(today: string, days: number): string[] {
  const out: string[] = [];
  const end = Date.parse(`${today}T00:00:00Z`);
  for (let d = days - 1; d >= 0; d--) out.push(new Date(end - d * 86_400_000).toISOString().slice(0, 10));
  return out;
}

const calendars = new Map<string, string[]>();
/** The run's calendar, the journey's earlier dates (the breach) and a week in (the invitation's expiry). */
function calendar(run: SeedRun): { dates: string[]; before: (n: number) => string; after: (n: number) => string } {
  const key = `${run.today}/${run.days}`;
  let dates = calendars.get(key);
  if (!dates) calendars.set(key, (dates = dayList(run.today, run.days)));
  const start = Date.parse(`${dates[0]}T00:00:00Z`);
  const shift = (n: number) => new Date(start + n * 86_400_000).toISOString().slice(0, 10);
  return { dates, before: (n) => shift(-n), after: shift };
}

/**
 * Appends couple `index` of the run to `rows`: two accounts, their space (invitation accepted), a
 * breach and its journey with sealed, shared and private entries, a question and its answer, both
 * acknowledgements, three accepted agreements, check-ins on most days for both partners (the shape
 * of `mend demo`, both sharing their numbers), and the daily agreement's log with the other partner's reviews. The couple's
 * randomness comes from its index alone, so a resumed run writes what an unbroken one would.
 */
export function addCouple(
  rows: SeedRows,
  vault: Vault,
  run: SeedRun,
  index: number,
): { couple: SeededCouple; checkins: number; logEntries: number; entries: number } {
  const random = prng((20240611 ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const { dates, before, after } = calendar(run);
  const start = dates[0]!;
  const minute = String(index % 60).padStart(2, '0');
  const at = (date: string, hour: number) => `${date}T${hour}:${minute}:00.000Z`;
  const opened = `${start}T08:${minute}:00.000Z`;
  const number = String(index + 1).padStart(6, '0');
  const emails = seededEmails(run, index);
  const seal = (binding: FieldBinding, text: string) => vault.seal(text, binding);

  const a = randomUUID();
  const b = randomUUID();
  for (const [id, email, name] of [
    [a, emails[0], `Alex ${number}`],
    [b, emails[1], `Sam ${number}`],
  ] as const) {
    rows.accounts.push([
      id,
      emailIndex(vault, email),
      seal(BOUND.accountEmail.of({ id }), email),
      seal(BOUND.accountDisplayName.of({ id }), name),
      run.passwordHash,
      'UTC',
      1,
      opened,
      opened,
    ]);
  }

  const spaceId = randomUUID();
  rows.spaces.push([spaceId, seal(BOUND.spaceName.of({ id: spaceId }), `Alex & Sam ${number}`), opened]);
  rows.space_members.push([spaceId, a, 'partner', 'active', opened], [spaceId, b, 'partner', 'active', opened]);
  rows.invitations.push([
    randomUUID(),
    spaceId,
    sha256(newInvitationCode()),
    'partner',
    a,
    opened,
    `${after(7)}T08:${minute}:00.000Z`,
    opened,
    b,
  ]);

  const breachId = randomUUID();
  const journeyId = randomUUID();
  rows.breaches.push([
    breachId,
    spaceId,
    'lying',
    JSON.stringify([a]),
    before(20),
    'discovered',
    4,
    seal(
      BOUND.breachDescription.of({ id: breachId, recorded_by: b, description_visibility: 'shared', space_id: spaceId }),
      'Months of saying work ran late when it did not.',
    ),
    'shared',
    b,
    opened,
  ]);
  rows.journeys.push([journeyId, breachId, spaceId, opened, null]);

  const entries: Array<[prompt: string, by: string, visibility: string, text: string]> = [
    ['what_happened', b, 'sealed', 'I found out from a friend, not from you. I feel foolish and I feel alone.'],
    ['what_happened', a, 'sealed', 'I know I hurt you when I kept lying about where I was, and I let it go on for months.'],
    ['what_hurts', b, 'shared', 'That I doubted myself for months while you knew.'],
    ['trust_looks_like', b, 'sealed', 'Knowing where you are without having to ask.'],
    ['why_im_doing_this', a, 'private', 'Because I want us, and I want to be someone who tells the truth.'],
    ['question', b, 'shared', 'Who else knew while I did not?'],
  ];
  let questionId: string | null = null;
  for (const [i, [prompt, by, visibility, text]] of entries.entries()) {
    const id = randomUUID();
    const when = at(dates[Math.min(i, dates.length - 1)]!, 20);
    rows.journey_entries.push([
      id,
      journeyId,
      prompt,
      by,
      visibility,
      seal(
        BOUND.entryText.of({
          id,
          author_id: by,
          visibility: visibility as 'private',
          journey_id: journeyId,
          prompt,
          reply_to: null,
          journey_space_id: spaceId,
        }),
        text,
      ),
      null,
      when,
      when,
    ]);
    if (prompt === 'question') questionId = id;
  }
  const answerId = randomUUID();
  const answered = at(dates[Math.min(entries.length, dates.length - 1)]!, 21);
  rows.journey_entries.push([
    answerId,
    journeyId,
    'answer',
    a,
    'shared',
    seal(
      BOUND.entryText.of({
        id: answerId,
        author_id: a,
        visibility: 'shared',
        journey_id: journeyId,
        prompt: 'answer',
        reply_to: questionId,
        journey_space_id: spaceId,
      }),
      'One friend from work. I should have told you first.',
    ),
    questionId,
    answered,
    answered,
  ]);
  rows.journey_acknowledgements.push([journeyId, a, opened], [journeyId, b, opened]);

  const agreement = (text: string, committedBy: string, by: string, cadence: 'each_time' | 'daily'): string => {
    const id = randomUUID();
    rows.agreements.push([
      id,
      spaceId,
      journeyId,
      seal(BOUND.agreementText.of({ id, proposed_by: by, space_id: spaceId }), text),
      cadence,
      null,
      'active',
      by,
      opened,
      by === a ? b : a,
      opened,
      null,
      null,
      null,
    ]);
    rows.agreement_commitments.push([id, committedBy]);
    return id;
  };
  const late = agreement('When I will be more than 30 minutes later than I said, I text Sam before the time I said.', a, b, 'each_time');
  const daily = agreement('Each evening I tell Sam honestly how my day went, including anything I would rather skip.', a, a, 'daily');
  agreement('When an argument gets heated, I say "pause" and we come back to it within 24 hours.', b, a, 'each_time');

  let checkins = 0;
  let logEntries = 0;
  const days = dates.length;
  for (let d = 0; d < days; d++) {
    const date = dates[d]!;
    const progress = d / days;
    for (const [p, base, gain] of [
      [a, 6, 1.5],
      [b, 3, 4],
    ] as const) {
      if (random() < 0.12) continue; // some days are skipped, as in life
      const hard = random() < 0.08;
      const v = (x: number) => clamp(x + (random() - 0.5) * 2.5 - (hard ? 3 : 0));
      const id = orderedId();
      const withNote = random() < 0.1;
      const noteText = withNote ? CHECKIN_NOTES[Math.floor(random() * CHECKIN_NOTES.length)]! : null;
      const noteVisibility = withNote ? (random() < 0.5 ? 'shared' : 'private') : null;
      const when = at(date, 21);
      const safety = v(base + 2 + gain * progress);
      const trust = v(base + gain * progress);
      const closeness = v(base + 1 + gain * progress);
      const day = hard ? 'hard' : random() < 0.6 ? 'good' : 'mixed';
      rows.checkins.push([
        id,
        spaceId,
        p,
        date,
        safety,
        trust,
        closeness,
        day,
        noteText === null
          ? null
          : seal(BOUND.checkinNote.of({ id, account_id: p, note_visibility: noteVisibility as 'private', space_id: spaceId }), noteText),
        noteVisibility,
        when,
        when,
      ]);
      checkins++;
    }
    const logOne = (agreementId: string, kept: boolean, note: string | null) => {
      const id = orderedId();
      const reviewed = random() < 0.85;
      const review = reviewed ? (random() < 0.93 ? 'confirmed' : 'disputed') : null;
      rows.agreement_log_entries.push([
        id,
        agreementId,
        spaceId,
        date,
        kept ? 1 : 0,
        a,
        note === null
          ? null
          : seal(BOUND.logNote.of({ id, logged_by: a, note_visibility: 'shared', space_id: spaceId, agreement_id: agreementId }), note),
        note === null ? null : 'shared',
        at(date, 22),
        review,
        reviewed ? b : null,
        reviewed ? at(date, 23) : null,
        null,
        null,
      ]);
      logEntries++;
    };
    if (random() < 0.9) {
      const kept = random() < 0.7 + 0.25 * progress;
      logOne(daily, kept, kept ? null : MISSED_NOTE);
    }
    if (d % 9 === 4) logOne(late, random() < 0.85, null);
  }
  return { couple: { spaceId, journeyId, emails }, checkins, logEntries, entries: entries.length + 1 };
}
