import type { Kysely } from 'kysely';
import type {
  AgreementFact,
  AgreementStatus,
  ApologyFact,
  BreachKind,
  EntryFact,
  OccasionFact,
  PromptKey,
} from '../../core/journey/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { Journey } from './store.js';

/** The breach as the rules see it: who, what kind; never its description. */
export interface BreachFacts {
  id: string;
  kind: BreachKind;
  brokeTrust: string[];
  recordedBy: string | null;
}

function parseIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The facts of a journey that its rules read, and nothing else: no text column is selected and
 * nothing is decrypted, so checking a write costs the same for a journey of a year as of a day.
 * Pages and reads still load the whole journey (features/journey/facts.ts `loadJourney`).
 */
export class JourneyFactsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The space's journeys, by id only. */
  async journeyIds(spaceId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('journeys').select('id').where('space_id', '=', spaceId).execute();
    return rows.map((r) => r.id);
  }

  async head(journeyId: string): Promise<{ journey: Journey; breach: BreachFacts } | null> {
    const row = await this.db
      .selectFrom('journeys')
      .innerJoin('breaches', 'breaches.id', 'journeys.breach_id')
      .select([
        'journeys.id as id',
        'journeys.space_id as space_id',
        'journeys.breach_id as breach_id',
        'journeys.opened_at as opened_at',
        'journeys.closed_at as closed_at',
        'breaches.kind as kind',
        'breaches.broke_trust as broke_trust',
        'breaches.recorded_by as recorded_by',
      ])
      .where('journeys.id', '=', journeyId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      journey: { id: row.id, spaceId: row.space_id, breachId: row.breach_id, openedAt: row.opened_at, closedAt: row.closed_at },
      breach: { id: row.breach_id, kind: row.kind as BreachKind, brokeTrust: parseIds(row.broke_trust), recordedBy: row.recorded_by },
    };
  }

  async entries(journeyId: string): Promise<EntryFact[]> {
    const rows = await this.db
      .selectFrom('journey_entries')
      .select(['id', 'prompt', 'author_id', 'visibility', 'created_at', 'reply_to'])
      .where('journey_id', '=', journeyId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      prompt: r.prompt as PromptKey,
      authorId: r.author_id,
      visibility: r.visibility,
      createdAt: r.created_at,
      replyTo: r.reply_to,
    }));
  }

  async apologies(journeyId: string): Promise<ApologyFact[]> {
    const rows = await this.db
      .selectFrom('apologies')
      .select(['id', 'author_id', 'delivered_at'])
      .where('journey_id', '=', journeyId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, authorId: r.author_id, deliveredAt: r.delivered_at }));
  }

  async agreements(journeyId: string): Promise<AgreementFact[]> {
    const rows = await this.db
      .selectFrom('agreements')
      .select(['id', 'status', 'proposed_by', 'accepted_by', 'accepted_at'])
      .where('journey_id', '=', journeyId)
      .orderBy('proposed_at')
      .orderBy('id')
      .execute();
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
    return rows.map((r) => ({
      id: r.id,
      status: r.status as AgreementStatus,
      proposedBy: r.proposed_by,
      committedBy: commitments
        .filter((c) => c.agreement_id === r.id)
        .map((c) => c.account_id)
        .sort(),
      acceptedBy: r.accepted_by,
      acceptedAt: r.accepted_at,
    }));
  }

  /**
   * The first logged occasion of each agreement. The forgiveness gate reads only the earliest
   * occasion on or before today (core/journey/forgiveness-gate.ts), and the earliest of all is
   * that one whenever there is one, so a year of daily logs is one row per agreement here.
   */
  async firstOccasions(agreementIds: readonly string[]): Promise<OccasionFact[]> {
    if (agreementIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('agreement_log_entries')
      .select((eb) => ['agreement_id', eb.fn.min('occurred_on').as('first_on')])
      .where('agreement_id', 'in', [...agreementIds])
      .groupBy('agreement_id')
      .execute();
    return rows.map((r) => ({ agreementId: r.agreement_id, occurredOn: String(r.first_on) }));
  }
}
