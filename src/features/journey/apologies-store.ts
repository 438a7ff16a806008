import type { Kysely } from 'kysely';
import type { WaitingFacts } from '../../core/waiting/waiting.js';
import { isApologyComponent, type ApologyComponent } from '../../core/apology-components.js';
import type { ApologyParts } from '../../core/journey/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { Vault } from '../../platform/vault/vault.js';
import { BOUND, spaceOfJourney, type JourneySpace } from '../../platform/vault/bound-fields.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';

/** A journey's apologies are paged newest first; named by table, as they are read joined to their journey. */
export const APOLOGY_KEY = ['apologies.created_at', 'apologies.id'] as const;

type Row = Database['apologies'] & JourneySpace;

export interface Apology {
  id: string;
  journeyId: string;
  authorId: string;
  text: string;
  /** The builder's parts, when it was written in the builder. */
  parts: ApologyParts | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface ApologyResponse {
  id: string;
  apologyId: string;
  by: string;
  received: true;
  sincere: boolean | null;
  missing: ApologyComponent[];
  /** What is missing, in the answerer's own words; null when they wrote none. */
  missingWords: string | null;
  createdAt: string;
}

function parseMissing(json: string): ApologyComponent[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is ApologyComponent => typeof v === 'string' && isApologyComponent(v)) : [];
  } catch {
    return [];
  }
}

function toResponse(r: Database['apology_responses'], missingWords: string | null): ApologyResponse {
  return {
    id: r.id,
    apologyId: r.apology_id,
    by: r.by_id,
    received: true,
    sincere: r.sincere === null ? null : r.sincere === 1,
    missing: parseMissing(r.missing),
    missingWords,
    createdAt: r.created_at,
  };
}

/** Apologies (step 2) and the hurt partner's answers to them. */
export class ApologyStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  /** One partner's delivered apologies in the space's open journeys that the reader has not answered, oldest first: no text ("Waiting for you"). */
  async unansweredFrom(spaceId: string, authorId: string, readerId: string, most: number): Promise<WaitingFacts['apologies'][number][]> {
    const rows = await this.db
      .selectFrom('apologies as p')
      .innerJoin('journeys as j', 'j.id', 'p.journey_id')
      .select(['p.id', 'p.journey_id', 'p.author_id', 'p.delivered_at'])
      .where('j.space_id', '=', spaceId)
      .where('j.closed_at', 'is', null)
      .where('p.author_id', '=', authorId)
      .where('p.delivered_at', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(selectFrom('apology_responses as r').select('r.id').whereRef('r.apology_id', '=', 'p.id').where('r.by_id', '=', readerId)),
        ),
      )
      .orderBy('p.delivered_at')
      .limit(most)
      .execute();
    return rows.map((p) => ({
      id: p.id,
      journeyId: p.journey_id,
      authorId: p.author_id,
      deliveredAt: p.delivered_at,
      answeredByViewer: false,
    }));
  }

  async insert(apology: Apology): Promise<void> {
    const journey_space_id = await spaceOfJourney(this.db, apology.journeyId);
    const row = {
      id: apology.id,
      author_id: apology.authorId,
      delivered_at: apology.deliveredAt,
      journey_id: apology.journeyId,
      journey_space_id,
    };
    await this.db
      .insertInto('apologies')
      .values({
        id: apology.id,
        journey_id: apology.journeyId,
        author_id: apology.authorId,
        text_enc: this.vault.seal(apology.text, BOUND.apologyText.of(row)),
        parts_enc: apology.parts ? this.vault.seal(JSON.stringify(apology.parts), BOUND.apologyParts.of(row)) : null,
        created_at: apology.createdAt,
        delivered_at: apology.deliveredAt,
      })
      .execute();
  }

  private rows() {
    return this.db
      .selectFrom('apologies')
      .innerJoin('journeys', 'journeys.id', 'apologies.journey_id')
      .selectAll('apologies')
      .select('journeys.space_id as journey_space_id');
  }

  /** An apology whose text or parts fail their check is left out, for everyone. */
  private toApologies(rows: Row[]): Apology[] {
    return rows.flatMap((r) => {
      const text = this.vault.open(r.text_enc, BOUND.apologyText.of(r));
      const parts = r.parts_enc ? this.vault.open(r.parts_enc, BOUND.apologyParts.of(r)) : '';
      if (text === null || parts === null) return [];
      const apology: Apology = {
        id: r.id,
        journeyId: r.journey_id,
        authorId: r.author_id,
        text,
        parts: parts ? (JSON.parse(parts) as ApologyParts) : null,
        createdAt: r.created_at,
        deliveredAt: r.delivered_at,
      };
      return [apology];
    });
  }

  async listForJourney(journeyId: string): Promise<Apology[]> {
    const rows = await this.rows()
      .where('apologies.journey_id', '=', journeyId)
      .orderBy('apologies.created_at')
      .orderBy('apologies.id')
      .execute();
    return this.toApologies(rows);
  }

  /**
   * One page of the journey's apologies, newest first, after `after` (a key of APOLOGY_KEY):
   * the delivered ones, and drafts only when `draftsBy` wrote them — decided in the query, before
   * the limit, so a draft that is not the reader's takes no place on a page.
   */
  async page(journeyId: string, draftsBy: string | null, after: PageKey | null, size: number): Promise<Page<Apology>> {
    let q = this.rows()
      .where('apologies.journey_id', '=', journeyId)
      .where((eb) =>
        draftsBy === null
          ? eb('apologies.delivered_at', 'is not', null)
          : eb.or([eb('apologies.delivered_at', 'is not', null), eb('apologies.author_id', '=', draftsBy)]),
      );
    if (after) q = q.where(olderThan(APOLOGY_KEY, after));
    const rows = await q
      .orderBy('apologies.created_at', 'desc')
      .orderBy('apologies.id', 'desc')
      .limit(size + 1)
      .execute();
    const page = pageOf(rows, size, (r) => [r.created_at, r.id]);
    return { items: this.toApologies(page.items), next: page.next };
  }

  /** The journey an apology belongs to, without opening its text. */
  async journeyOf(apologyId: string): Promise<string | null> {
    const row = await this.db.selectFrom('apologies').select('journey_id').where('id', '=', apologyId).executeTakeFirst();
    return row?.journey_id ?? null;
  }

  async responsesForJourney(journeyId: string): Promise<ApologyResponse[]> {
    const rows = await this.db
      .selectFrom('apology_responses')
      .innerJoin('apologies', 'apologies.id', 'apology_responses.apology_id')
      .selectAll('apology_responses')
      .where('apologies.journey_id', '=', journeyId)
      .orderBy('apology_responses.created_at')
      .execute();
    return this.toResponses(rows);
  }

  /** An answer whose words fail their check reads as if it had none: what it ticked still stands. */
  private toResponses(rows: Database['apology_responses'][]): ApologyResponse[] {
    return rows.map((r) =>
      toResponse(r, r.missing_words_enc ? this.vault.open(r.missing_words_enc, BOUND.apologyResponseWords.of(r)) || null : null),
    );
  }

  /** The answers to these apologies (a page of them). */
  async responsesFor(apologyIds: readonly string[]): Promise<ApologyResponse[]> {
    if (apologyIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('apology_responses')
      .selectAll()
      .where('apology_id', 'in', [...apologyIds])
      .orderBy('created_at')
      .execute();
    return this.toResponses(rows);
  }

  /** False when this partner already answered this apology. */
  async insertResponse(response: ApologyResponse): Promise<boolean> {
    const result = await this.db
      .insertInto('apology_responses')
      .values({
        id: response.id,
        apology_id: response.apologyId,
        by_id: response.by,
        received: 1,
        sincere: response.sincere === null ? null : response.sincere ? 1 : 0,
        missing: JSON.stringify(response.missing),
        missing_words_enc:
          response.missingWords === null
            ? null
            : this.vault.seal(
                response.missingWords,
                BOUND.apologyResponseWords.of({ id: response.id, by_id: response.by, apology_id: response.apologyId }),
              ),
        created_at: response.createdAt,
      })
      .onConflict((oc) => oc.columns(['apology_id', 'by_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
}
