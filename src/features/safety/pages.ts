import type { FastifyInstance } from 'fastify';
import { SCREENING_QUESTION_IDS, resourcesFor, supportCountryFor } from '../../core/safety/index.js';
import { screeningPage, screeningResultPage, supportPage } from './views/safety-pages.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { formFields, formRefusal } from '../../platform/http/form.js';
import { submitScreening } from './actions.js';
import { act } from '../act.js';

export async function safetyPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.get('/safety', async (request, reply) => {
    requireAuth(request);
    return renderPage(request, reply, { title: 'A private check on your safety', body: (csrf) => screeningPage(csrf) });
  });

  app.post('/safety', async (request, reply) => {
    const auth = requireAuth(request);
    const fields = formFields(request, 20);
    const answers = Object.fromEntries(SCREENING_QUESTION_IDS.filter((id) => fields[id]).map((id) => [id, fields[id]]));
    try {
      const outcome = await act(ctx, submitScreening(ctx, auth, answers));
      return renderPage(request, reply, {
        title: outcome.positive ? 'Support for you' : 'Thank you for answering',
        body: () => screeningResultPage(outcome.positive, outcome.resources),
      });
    } catch (caught) {
      const error = formRefusal(caught, reply);
      return renderPage(request, reply, {
        title: 'A private check on your safety',
        status: 400,
        body: (csrf) => screeningPage(csrf, answers as Record<string, string>, error.details, error.message),
      });
    }
  });

  app.get('/support', async (request, reply) => {
    const requested = (request.query as Record<string, unknown>).country;
    // An empty choice (the picker's first option) is no choice: the person's own country.
    const country =
      typeof requested === 'string' && requested.trim() !== ''
        ? requested.slice(0, 8)
        : request.auth
          ? supportCountryFor(request.auth.account)
          : null;
    return renderPage(request, reply, { title: 'Support', body: () => supportPage(resourcesFor(country), request.auth !== null) });
  });
}
