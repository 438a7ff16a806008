import { stepDates, type StepDate } from '../../core/journey/index.js';
import type { AppContext } from '../../context.js';
import type { Actor } from './access.js';
import type { JourneyPageModel } from './views/common.js';
import { journeyPageModel } from './page-model.js';

/** A journey for the record: what its pages show, and when each step was reached. */
export interface JourneyStory {
  model: JourneyPageModel;
  steps: StepDate[];
}

/**
 * The journey as its pages show it to this reader (the same loader, so the same visibility), with
 * each step dated from what the reader may see (core/journey/step-dates.ts): acknowledgements,
 * the apologies they may read and their answers, agreements accepted, a forgiveness statement
 * shared. A draft, a private entry, a sealed half or a private choice never dates a step.
 */
export async function loadJourneyStory(ctx: AppContext, account: Actor, journeyId: string): Promise<JourneyStory> {
  const { access, loaded, former } = await ctx.journeys.load(account, journeyId);
  const model = await journeyPageModel(ctx, account, access, loaded, former);
  const partnerIds = Object.keys(model.names);
  const steps = stepDates(model.view.status.steps, {
    openedAt: model.view.openedAt,
    partnerIds,
    acknowledgements: loaded.facts.acknowledgements.filter((a) => partnerIds.includes(a.by)),
    apologies: model.apologies.flatMap((a) =>
      a.deliveredAt === null ? [] : [{ deliveredAt: a.deliveredAt, answeredAt: a.responses.map((r) => r.createdAt) }],
    ),
    agreementsAcceptedAt: model.agreements.flatMap((g) => (g.acceptedAt ? [g.acceptedAt] : [])),
    forgivenessSharedAt: model.entries.flatMap((e) =>
      !('sealed' in e) && e.prompt === 'forgiveness_statement' && e.visibility === 'shared' ? [e.createdAt] : [],
    ),
  });
  return { model, steps };
}
