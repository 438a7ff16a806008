import type { Kysely } from 'kysely';
import type { BreachKind } from '../../core/journey/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { Vault } from '../../platform/vault/vault.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';

/** A space's journeys are paged newest first by when they opened (index journeys_space). */
export const JOURNEY_KEY = ['opened_at', 'id'] as const;

/** A breach of trust as recorded (SPEC section 1). Never deleted silently. */
export interface Breach {
  id: string;
  spaceId: string;
  kind: BreachKind;
  /** Account ids, or ABSENT_PARTNER for a partner who has not joined yet. */
  brokeTrust: string[];
  occurredOn: string | null;
  cameOut: 'disclosed' | 'discovered' | null;
  /** When it came out: `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
  cameOutOn: string | null;
  hurt: number | null;
  description: { text: string; visibility: 'private' | 'shared' } | null;
  recordedBy: string | null;
  recordedAt: string;
}

export interface Journey {
  id: string;
  spaceId: string;
  breachId: string;
  openedAt: string;
  closedAt: string | null;
}

export interface JourneyWithBreach {
  journey: Journey;
  breach: Breach;
}

type BreachRow = Database['breaches'];
type JourneyRow = Database['journeys'];

function parseIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Breaches and journeys, and the small facts of a journey: acknowledgements, opt-ins, deferrals. */
export class JourneyStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  private toBreach(row: BreachRow): Breach {
    // A description that fails its check is shown to nobody; the breach itself stays on record.
    const description = row.description_enc === null ? null : this.vault.open(row.description_enc, BOUND.breachDescription.of(row));
    return {
      id: row.id,
      spaceId: row.space_id,
      kind: row.kind as BreachKind,
      brokeTrust: parseIds(row.broke_trust),
      occurredOn: row.occurred_on,
      cameOut: row.came_out,
      cameOutOn: row.came_out_on,
      hurt: row.hurt,
      description:
        description === null
          ? null
          : {
              text: description,
              // Anything but an explicit "shared" is private (fail closed).
              visibility: row.description_visibility === 'shared' ? 'shared' : 'private',
            },
      recordedBy: row.recorded_by,
      recordedAt: row.recorded_at,
    };
  }

  private static toJourney(row: JourneyRow): Journey {
    return { id: row.id, spaceId: row.space_id, breachId: row.breach_id, openedAt: row.opened_at, closedAt: row.closed_at };
  }

  /** Corrects when a breach happened and when it came out (either may be cleared with null). */
  async correctDates(breachId: string, dates: { occurredOn: string | null; cameOutOn: string | null }): Promise<void> {
    await this.db
      .updateTable('breaches')
      .set({ occurred_on: dates.occurredOn, came_out_on: dates.cameOutOn })
      .where('id', '=', breachId)
      .execute();
  }

  /** Records a breach and opens its journey, together. */
  async create(breach: Breach, journey: Journey): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('breaches')
        .values({
          id: breach.id,
          space_id: breach.spaceId,
          kind: breach.kind,
          broke_trust: JSON.stringify(breach.brokeTrust),
          occurred_on: breach.occurredOn,
          came_out: breach.cameOut,
          // Written only when known: the column is null by default (and a schema before 0020 has none).
          ...(breach.cameOutOn !== null ? { came_out_on: breach.cameOutOn } : {}),
          hurt: breach.hurt,
          description_enc: breach.description
            ? this.vault.seal(
                breach.description.text,
                BOUND.breachDescription.of({
                  id: breach.id,
                  recorded_by: breach.recordedBy,
                  description_visibility: breach.description.visibility,
                  space_id: breach.spaceId,
                }),
              )
            : null,
          description_visibility: breach.description?.visibility ?? null,
          recorded_by: breach.recordedBy,
          recorded_at: breach.recordedAt,
        })
        .execute();
      await trx
        .insertInto('journeys')
        .values({
          id: journey.id,
          breach_id: breach.id,
          space_id: journey.spaceId,
          opened_at: journey.openedAt,
          closed_at: journey.closedAt,
        })
        .execute();
    });
  }

  async byId(journeyId: string): Promise<JourneyWithBreach | null> {
    const journey = await this.db.selectFrom('journeys').selectAll().where('id', '=', journeyId).executeTakeFirst();
    if (!journey) return null;
    const breach = await this.db.selectFrom('breaches').selectAll().where('id', '=', journey.breach_id).executeTakeFirst();
    if (!breach) return null;
    return { journey: JourneyStore.toJourney(journey), breach: this.toBreach(breach) };
  }

  /** Every journey of the space, past and present, newest first. */
  async listForSpace(spaceId: string): Promise<JourneyWithBreach[]> {
    const journeys = await this.db
      .selectFrom('journeys')
      .selectAll()
      .where('space_id', '=', spaceId)
      .orderBy('opened_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const breaches = await this.db.selectFrom('breaches').selectAll().where('space_id', '=', spaceId).execute();
    const byId = new Map(breaches.map((b) => [b.id, b]));
    const out: JourneyWithBreach[] = [];
    for (const j of journeys) {
      const b = byId.get(j.breach_id);
      if (b) out.push({ journey: JourneyStore.toJourney(j), breach: this.toBreach(b) });
    }
    return out;
  }

  /** One page of the space's journeys, newest first, after `after` (a key of JOURNEY_KEY). */
  async page(spaceId: string, after: PageKey | null, size: number): Promise<Page<JourneyWithBreach>> {
    let q = this.db.selectFrom('journeys').selectAll().where('space_id', '=', spaceId);
    if (after) q = q.where(olderThan(JOURNEY_KEY, after));
    const rows = await q
      .orderBy('opened_at', 'desc')
      .orderBy('id', 'desc')
      .limit(size + 1)
      .execute();
    // The key comes from the rows read, so a journey left out below cannot shift the cursor.
    const page = pageOf(rows, size, (j) => [j.opened_at, j.id]);
    const breachIds = page.items.map((j) => j.breach_id);
    const breaches = breachIds.length === 0 ? [] : await this.db.selectFrom('breaches').selectAll().where('id', 'in', breachIds).execute();
    const byId = new Map(breaches.map((b) => [b.id, b]));
    const items: JourneyWithBreach[] = [];
    for (const j of page.items) {
      const b = byId.get(j.breach_id);
      if (b) items.push({ journey: JourneyStore.toJourney(j), breach: this.toBreach(b) });
    }
    return { items, next: page.next };
  }

  /** Replaces who broke trust (the absent-partner placeholder, once the partner joined). */
  async setBrokeTrust(breachId: string, brokeTrust: readonly string[]): Promise<void> {
    await this.db
      .updateTable('breaches')
      .set({ broke_trust: JSON.stringify(brokeTrust) })
      .where('id', '=', breachId)
      .execute();
  }

  // ---- acknowledgements -------------------------------------------------------------------

  async acknowledgements(journeyId: string): Promise<Array<{ by: string; at: string }>> {
    const rows = await this.db
      .selectFrom('journey_acknowledgements')
      .select(['account_id', 'created_at'])
      .where('journey_id', '=', journeyId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ by: r.account_id, at: r.created_at }));
  }

  /** True when newly recorded; acknowledging twice keeps the first. */
  async acknowledge(journeyId: string, accountId: string, now: string): Promise<boolean> {
    const result = await this.db
      .insertInto('journey_acknowledgements')
      .values({ journey_id: journeyId, account_id: accountId, created_at: now })
      .onConflict((oc) => oc.columns(['journey_id', 'account_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  // ---- step 7: opening it early -----------------------------------------------------------

  async forgivenessOptIns(journeyId: string): Promise<Array<{ by: string; at: string }>> {
    const rows = await this.db
      .selectFrom('forgiveness_opt_ins')
      .select(['account_id', 'created_at'])
      .where('journey_id', '=', journeyId)
      .execute();
    return rows.map((r) => ({ by: r.account_id, at: r.created_at }));
  }

  async optInToForgiveness(journeyId: string, accountId: string, now: string): Promise<void> {
    await this.db
      .insertInto('forgiveness_opt_ins')
      .values({ journey_id: journeyId, account_id: accountId, created_at: now })
      .onConflict((oc) => oc.columns(['journey_id', 'account_id']).doNothing())
      .execute();
  }

  // ---- "not now, but I will by <date>" ----------------------------------------------------

  async deferrals(journeyId: string): Promise<Array<{ questionId: string; by: string; until: string; at: string }>> {
    const rows = await this.db.selectFrom('question_deferrals').selectAll().where('journey_id', '=', journeyId).execute();
    return rows.map((r) => ({ questionId: r.question_id, by: r.by_id, until: r.until_on, at: r.created_at }));
  }

  /** False when the question was already deferred (a question is deferred once). */
  async deferQuestion(input: { questionId: string; journeyId: string; by: string; until: string; now: string }): Promise<boolean> {
    const result = await this.db
      .insertInto('question_deferrals')
      .values({ question_id: input.questionId, journey_id: input.journeyId, by_id: input.by, until_on: input.until, created_at: input.now })
      .onConflict((oc) => oc.column('question_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /**
   * Questions given an answer-by date on or before `latest`, still unanswered, whose answerer has
   * not been told yet that the date came (migration 0017), with their journey's space. Answers
   * are entries replying to the question; only shared questions count (questions always are).
   */
  async dueDeferrals(
    latest: string,
  ): Promise<Array<{ questionId: string; journeyId: string; spaceId: string; by: string; until: string }>> {
    const rows = await this.db
      .selectFrom('question_deferrals as d')
      .innerJoin('journeys as j', 'j.id', 'd.journey_id')
      .innerJoin('journey_entries as q', 'q.id', 'd.question_id')
      .select(['d.question_id', 'd.journey_id', 'j.space_id', 'd.by_id', 'd.until_on'])
      .where('d.until_on', '<=', latest)
      .where('d.due_told_at', 'is', null)
      .where('q.visibility', '=', 'shared')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('journey_entries as a').select('a.id').whereRef('a.reply_to', '=', 'd.question_id').where('a.prompt', '=', 'answer'),
          ),
        ),
      )
      .execute();
    return rows.map((r) => ({ questionId: r.question_id, journeyId: r.journey_id, spaceId: r.space_id, by: r.by_id, until: r.until_on }));
  }

  /** Claims telling the answerer that a question's date came: true for exactly one caller, whichever server asks. */
  async claimDeferralDue(questionId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('question_deferrals')
      .set({ due_told_at: now })
      .where('question_id', '=', questionId)
      .where('due_told_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives the claim back when telling failed, so the next round tries again. */
  async releaseDeferralDue(questionId: string): Promise<void> {
    await this.db.updateTable('question_deferrals').set({ due_told_at: null }).where('question_id', '=', questionId).execute();
  }
}
