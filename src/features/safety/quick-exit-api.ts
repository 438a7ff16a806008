import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { bearer, errors } from '../../platform/http/api-schemas.js';
import { setQuickExitSignsOut } from './actions.js';
import { act } from '../act.js';

const QuickExit = Type.Object(
  {
    signsOut: Type.Boolean({
      description:
        'Quick exit ends the session before leaving, so the browser’s Back button shows the sign-in page. On unless the person turned it off.',
    }),
  },
  { additionalProperties: false },
);

/** The person's Quick exit setting; a client with a quick exit of its own should honour it. */
export async function quickExitRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.get(
    '/me/quick-exit',
    {
      schema: {
        summary: 'Whether Quick exit also signs you out',
        tags: ['me'],
        security: bearer,
        response: { 200: QuickExit, ...errors(401) },
      },
    },
    async (request) => ({ signsOut: requireAuth(request).account.quickExitSignsOut }),
  );

  api.put(
    '/me/quick-exit',
    {
      schema: {
        summary: 'Choose whether Quick exit also signs you out',
        tags: ['me'],
        security: bearer,
        body: QuickExit,
        response: { 200: QuickExit, ...errors(400, 401) },
      },
    },
    async (request) => {
      await act(ctx, setQuickExitSignsOut(ctx, requireAuth(request), request.body.signsOut));
      return { signsOut: request.body.signsOut };
    },
  );
}
