import { sql, type Kysely } from 'kysely';
import type { WaitingFacts } from '../../core/waiting/waiting.js';
import type { Agreement, Cadence } from '../../core/journey/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { Vault } from '../../platform/vault/vault.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';

/** The agreements of a space, newest first (the index `agreements_space` leads with space_id, proposed_at). */
export const AGREEMENT_KEY = ['proposed_at', 'id'] as const;
/** An agreement's history goes by its chain of counters: a page ends at a proposal, and the next begins at what that one countered. */
export const HISTORY_KEY = ['id'] as const;
/** Far beyond any negotiation two people have. */
const MAX_CHAIN = 100_000;

/** An agreement as stored: the core shape plus where it lives. */
export interface StoredAgreement extends Agreement {
  spaceId: string;
  journeyId: string | null;
}

type Row = Database['agreements'];

/**
 * Agreements (step 3): proposals, counters and acceptances. A counter never overwrites: the old
 * proposal stays with status `countered` and a link to the new one. The agreement log (issue #4)
 * references `agreements.id`.
 */
export class AgreementStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  /** The agreements one partner proposed that wait on the other, oldest first: no text ("Waiting for you"). */
  async proposedBy(spaceId: string, proposerId: string, most: number): Promise<WaitingFacts['agreements'][number][]> {
    const rows = await this.db
      .selectFrom('agreements')
      .select(['id', 'journey_id', 'status', 'proposed_by', 'proposed_at'])
      .where('space_id', '=', spaceId)
      .where('status', '=', 'proposed')
      .where('proposed_by', '=', proposerId)
      .orderBy('proposed_at')
      .limit(most)
      .execute();
    return rows.map((g) => ({ id: g.id, journeyId: g.journey_id, status: g.status, proposedBy: g.proposed_by, proposedAt: g.proposed_at }));
  }

  private async withCommitments(rows: Row[]): Promise<StoredAgreement[]> {
    if (rows.length === 0) return [];
    const commitments = await this.db
      .selectFrom('agreement_commitments')
      .select(['agreement_id', 'account_id'])
      .where(
        'agreement_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    // An agreement whose text fails its check is left out, for everyone.
    return rows.flatMap((r) => {
      const text = this.vault.open(r.text_enc, BOUND.agreementText.of(r));
      return text === null ? [] : [this.toAgreement(r, text, commitments)];
    });
  }

  private toAgreement(r: Row, text: string, commitments: { agreement_id: string; account_id: string }[]): StoredAgreement {
    return {
      id: r.id,
      spaceId: r.space_id,
      journeyId: r.journey_id,
      text,
      cadence: r.cadence as Cadence,
      reviewOn: r.review_on,
      committedBy: commitments
        .filter((c) => c.agreement_id === r.id)
        .map((c) => c.account_id)
        .sort(),
      status: r.status,
      proposedBy: r.proposed_by,
      proposedAt: r.proposed_at,
      acceptedBy: r.accepted_by,
      acceptedAt: r.accepted_at,
      replaces: r.replaces_id,
      replacedBy: r.replaced_by_id,
      withdrawnAt: r.withdrawn_at,
      transparency: r.transparency === 1,
    };
  }

  private async insertWith(db: Kysely<Database>, a: StoredAgreement): Promise<void> {
    await db
      .insertInto('agreements')
      .values({
        id: a.id,
        space_id: a.spaceId,
        journey_id: a.journeyId,
        text_enc: this.vault.seal(a.text, BOUND.agreementText.of({ id: a.id, proposed_by: a.proposedBy, space_id: a.spaceId })),
        cadence: a.cadence,
        review_on: a.reviewOn,
        status: a.status,
        proposed_by: a.proposedBy,
        proposed_at: a.proposedAt,
        accepted_by: a.acceptedBy,
        accepted_at: a.acceptedAt,
        replaces_id: a.replaces,
        replaced_by_id: a.replacedBy,
        withdrawn_at: a.withdrawnAt,
        transparency: a.transparency ? 1 : 0,
      })
      .execute();
    for (const accountId of new Set(a.committedBy)) {
      await db.insertInto('agreement_commitments').values({ agreement_id: a.id, account_id: accountId }).execute();
    }
  }

  async insert(agreement: StoredAgreement): Promise<void> {
    await this.db.transaction().execute((trx) => this.insertWith(trx, agreement));
  }

  /** Where an agreement belongs, read without its text: its space and its journey (null: none, or gone). */
  async placeOf(id: string): Promise<{ spaceId: string; journeyId: string | null } | null> {
    const row = await this.db.selectFrom('agreements').select(['space_id', 'journey_id']).where('id', '=', id).executeTakeFirst();
    return row ? { spaceId: row.space_id, journeyId: row.journey_id } : null;
  }

  async byId(id: string): Promise<StoredAgreement | null> {
    const row = await this.db.selectFrom('agreements').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const [agreement] = await this.withCommitments([row]);
    return agreement ?? null;
  }

  /** Every agreement of the space, every status, oldest first. */
  async listForSpace(spaceId: string): Promise<StoredAgreement[]> {
    const rows = await this.db
      .selectFrom('agreements')
      .selectAll()
      .where('space_id', '=', spaceId)
      .orderBy('proposed_at')
      .orderBy('id')
      .execute();
    return this.withCommitments(rows);
  }

  /** One page of the space's agreements, every status, newest first, after `after` (a key of AGREEMENT_KEY). */
  async page(spaceId: string, after: PageKey | null, size: number): Promise<Page<StoredAgreement>> {
    let q = this.db.selectFrom('agreements').selectAll().where('space_id', '=', spaceId);
    if (after) q = q.where(olderThan(AGREEMENT_KEY, after));
    const rows = await q
      .orderBy('proposed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(size + 1)
      .execute();
    const page = pageOf(rows, size, (r) => [r.proposed_at, r.id]);
    // Cut from the rows read, so an agreement left out (its text fails its check) does not end the list early.
    return { items: await this.withCommitments(page.items), next: page.next };
  }

  /**
   * One page of an agreement's history — the agreement and each proposal it countered, following
   * `replaces` back — newest first, after `after` (a key of HISTORY_KEY). Each counter adds one
   * link and partners may counter back and forth, so the chain has no bound of its own: it is
   * walked in SQL (a recursive query) and paged like any list. Its order is the chain's, not the
   * clock's: two proposals may carry the same instant (or a server's clock may step back).
   */
  async historyPage(spaceId: string, agreementId: string, after: PageKey | null, size: number): Promise<Page<StoredAgreement>> {
    let q = this.db
      .withRecursive('chain(id, depth)', (db) =>
        db
          .selectFrom('agreements')
          .select(['id', sql<number>`0`.as('depth')])
          .where('id', '=', agreementId)
          .where('space_id', '=', spaceId)
          .unionAll(
            db
              .selectFrom('agreements as a')
              .innerJoin('chain', 'chain.id', 'a.id')
              .select([sql<string>`a.replaces_id`.as('id'), sql<number>`chain.depth + 1`.as('depth')])
              .where('a.replaces_id', 'is not', null)
              // A chain has no loop (a counter is a new row that replaces an older one); the bound
              // only keeps a damaged database from walking one forever.
              .where('chain.depth', '<', MAX_CHAIN),
          ),
      )
      .selectFrom('agreements')
      .innerJoin('chain', 'chain.id', 'agreements.id')
      .selectAll('agreements')
      .where('agreements.space_id', '=', spaceId);
    // A cursor that is no proposal of this chain finds no depth, and so nothing after it.
    if (after) q = q.where('chain.depth', '>', (db) => db.selectFrom('chain as c').select('c.depth').where('c.id', '=', after[0]!));
    const rows = await q
      .orderBy('chain.depth')
      .limit(size + 1)
      .execute();
    const page = pageOf(rows, size, (r) => [r.id]);
    return { items: await this.withCommitments(page.items), next: page.next };
  }

  async listForJourney(journeyId: string): Promise<StoredAgreement[]> {
    const rows = await this.db
      .selectFrom('agreements')
      .selectAll()
      .where('journey_id', '=', journeyId)
      .orderBy('proposed_at')
      .orderBy('id')
      .execute();
    return this.withCommitments(rows);
  }

  /** Moves a proposal on (accept or withdraw); false when it is no longer a proposal. */
  async settle(next: StoredAgreement): Promise<boolean> {
    const result = await this.db
      .updateTable('agreements')
      .set({ status: next.status, accepted_by: next.acceptedBy, accepted_at: next.acceptedAt, withdrawn_at: next.withdrawnAt })
      .where('id', '=', next.id)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Marks the proposal countered and inserts the counter-proposal, together; false if it moved on. */
  async counter(countered: StoredAgreement, proposal: StoredAgreement): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('agreements')
        .set({ status: 'countered', replaced_by_id: proposal.id })
        .where('id', '=', countered.id)
        .where('status', '=', 'proposed')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await this.insertWith(trx, proposal);
      return true;
    });
  }
}
