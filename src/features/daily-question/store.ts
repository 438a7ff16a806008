import type { Kysely } from 'kysely';
import type { DailyHalf } from '../../core/daily-question/pair.js';
import type { Database } from '../../platform/db/schema.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import type { Vault } from '../../platform/vault/vault.js';

type Row = Database['daily_answers'];

/** One stored answer or skip, its words opened (null when skipped or when they fail their check). */
export interface StoredAnswer extends DailyHalf {
  readonly spaceId: string;
  readonly day: string;
  readonly visibility: 'sealed' | 'private';
}

/**
 * The daily answers. Reads return opened words; who may see them is decided by the service with
 * the sealed-pair rule (core/daily-question/pair.ts) before anything leaves it.
 */
export class DailyAnswerStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  private toAnswer(row: Row): StoredAnswer {
    const text = row.text_enc === null ? null : this.vault.open(row.text_enc, BOUND.dailyAnswerText.of(row));
    return {
      spaceId: row.space_id,
      day: row.day,
      authorId: row.account_id,
      questionId: row.question_id,
      visibility: row.visibility === 'private' ? 'private' : 'sealed',
      state: row.state === 'skipped' ? 'skipped' : 'answered',
      text,
      at: row.updated_at,
    };
  }

  /** Every answer and skip of one day in a space, oldest first. */
  async ofDay(spaceId: string, day: string): Promise<StoredAnswer[]> {
    const rows = await this.db
      .selectFrom('daily_answers')
      .selectAll()
      .where('space_id', '=', spaceId)
      .where('day', '=', day)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.toAnswer(r));
  }

  /** The questions answered or skipped in the space since `from` (a day), for not asking them again soon. */
  async questionsSince(spaceId: string, from: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('daily_answers')
      .select('question_id')
      .where('space_id', '=', spaceId)
      .where('day', '>=', from)
      .execute();
    return new Set(rows.map((r) => r.question_id));
  }

  /**
   * Keeps a person's answer (or skip) for the day. An answer is final: a second write for the same
   * day only turns a skip into an answer, and returns false otherwise (nothing changed).
   */
  async put(input: {
    id: string;
    spaceId: string;
    accountId: string;
    day: string;
    questionId: string;
    visibility: 'sealed' | 'private';
    state: 'answered' | 'skipped';
    text: string | null;
    now: string;
  }): Promise<boolean> {
    const row = {
      id: input.id,
      space_id: input.spaceId,
      account_id: input.accountId,
      day: input.day,
      question_id: input.questionId,
      visibility: input.visibility,
    };
    const sealed = (r: typeof row) => (input.text === null ? null : this.vault.seal(input.text, BOUND.dailyAnswerText.of(r)));
    const inserted = await this.db
      .insertInto('daily_answers')
      .values({ ...row, state: input.state, text_enc: sealed(row), created_at: input.now, updated_at: input.now })
      .onConflict((oc) => oc.columns(['space_id', 'account_id', 'day']).doNothing())
      .returning('id')
      .execute();
    if (inserted.length > 0) return true;
    if (input.state !== 'answered') return false;
    const existing = await this.db
      .selectFrom('daily_answers')
      .selectAll()
      .where('space_id', '=', input.spaceId)
      .where('account_id', '=', input.accountId)
      .where('day', '=', input.day)
      .executeTakeFirstOrThrow();
    if (existing.state !== 'skipped') return false;
    const kept = { ...row, id: existing.id, question_id: existing.question_id, visibility: existing.visibility as 'sealed' | 'private' };
    const updated = await this.db
      .updateTable('daily_answers')
      .set({ state: 'answered', text_enc: sealed(kept), updated_at: input.now })
      .where('id', '=', existing.id)
      .where('state', '=', 'skipped')
      .returning('id')
      .execute();
    return updated.length > 0;
  }

  /** A person's own answers in a space, newest day first (their export). */
  async ownInSpace(accountId: string, spaceId: string): Promise<StoredAnswer[]> {
    const rows = await this.db
      .selectFrom('daily_answers')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('space_id', '=', spaceId)
      .orderBy('day', 'desc')
      .execute();
    return rows.map((r) => this.toAnswer(r));
  }

  /**
   * The days before `before` on which the person answered in the space (skips left out), newest
   * first, at most `limit`: the question page's "Earlier days". Only days are read, no words.
   */
  async answeredDays(accountId: string, spaceId: string, before: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('daily_answers')
      .select('day')
      .where('account_id', '=', accountId)
      .where('space_id', '=', spaceId)
      .where('state', '=', 'answered')
      .where('day', '<', before)
      .orderBy('day', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.day);
  }

  /** Every answer of the given days in a space (the partners' halves of the viewer's days). */
  async ofDays(spaceId: string, days: readonly string[]): Promise<StoredAnswer[]> {
    if (days.length === 0) return [];
    const rows = await this.db
      .selectFrom('daily_answers')
      .selectAll()
      .where('space_id', '=', spaceId)
      .where('day', 'in', days)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => this.toAnswer(r));
  }
}
