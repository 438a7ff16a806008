import type { FastifyInstance } from 'fastify';
import { NUMBERS_UNANSWERED } from './views/checkin-choices.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { field, formFields } from '../../platform/http/form.js';
import { showSettings } from '../accounts/index.js';
import { act } from '../act.js';
import { chooseCheckinNumbers } from './actions.js';

/** The settings form for who sees a person's check-in numbers (issue #14). Nobody is told of a change. */
export async function checkinNumbersSettingPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  app.post('/account/checkin-numbers', async (request, reply) => {
    const { account } = requireAuth(request);
    const answer = field(formFields(request, 200), 'numbers');
    if (answer !== 'shared' && answer !== 'private') return showSettings(request, reply, { numbersError: NUMBERS_UNANSWERED, status: 400 });
    await act(ctx, chooseCheckinNumbers(ctx, account, answer === 'shared'));
    return reply.redirect('/account/settings?saved=numbers#checkin-numbers', 303);
  });
}
