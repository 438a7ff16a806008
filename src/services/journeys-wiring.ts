import type { Kysely } from 'kysely';
import { AgreementStore } from '../store/agreements.js';
import { ApologyStore } from '../store/journeys-apologies.js';
import { EntryStore } from '../store/journeys-entries.js';
import { JourneyFactsStore } from '../store/journeys-facts.js';
import { JourneyStore } from '../store/journeys.js';
import { SealedPairStore } from '../store/sealed-pairs.js';
import type { Database } from '../store/schema.js';
import { SpaceStore } from '../store/spaces.js';
import type { Vault } from '../store/vault.js';
import { AgreementService } from './agreements.js';
import type { Clock } from './clock.js';
import { JourneyService } from './journeys.js';

/** The journey and agreement services over their stores, for the app context. */
export function journeyServices(deps: {
  db: Kysely<Database>;
  vault: Vault;
  dialect: 'sqlite' | 'postgres';
  clock: Clock;
}): { journeys: JourneyService; agreements: AgreementService } {
  const shared = {
    journeys: new JourneyStore(deps.db, deps.vault),
    facts: new JourneyFactsStore(deps.db),
    entries: new EntryStore(deps.db, deps.vault),
    sealedPairs: new SealedPairStore(deps.db),
    apologies: new ApologyStore(deps.db, deps.vault),
    agreements: new AgreementStore(deps.db, deps.vault),
    spaces: new SpaceStore(deps.db, deps.vault, deps.dialect),
    clock: deps.clock,
  };
  return { journeys: new JourneyService(shared), agreements: new AgreementService(shared) };
}
