import type { Kysely } from 'kysely';
import { AgreementStore } from '../agreements/index.js';
import { ApologyStore } from './apologies-store.js';
import { EntryStore } from './entries-store.js';
import { JourneyFactsStore } from './facts-store.js';
import { JourneyStore } from './store.js';
import { SealedPairStore } from './sealed-pairs-store.js';
import type { Database } from '../../platform/db/schema.js';
import { SpaceStore } from '../spaces/index.js';
import type { Vault } from '../../platform/vault/vault.js';
import { AgreementService } from '../agreements/index.js';
import type { Clock } from '../../platform/clock.js';
import { JourneyService } from './service.js';

/** The journey and agreement services over their stores, for the app context. */
export function journeyServices(deps: { db: Kysely<Database>; vault: Vault; dialect: 'sqlite' | 'postgres'; clock: Clock }): {
  journeys: JourneyService;
  agreements: AgreementService;
} {
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
  const journeys = new JourneyService(shared);
  return {
    journeys,
    agreements: new AgreementService({
      ...shared,
      journeyFor: (actor, access, journeyId, transparency) => journeys.agreementJourney(access, actor.id, journeyId, transparency),
    }),
  };
}
