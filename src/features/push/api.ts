import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { MAX_ENDPOINT_LENGTH } from '../../core/push/push-services.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { nextLink, PageQuery, Paged, pageRequest } from '../../platform/http/api-paging.js';
import { bearer, errors, Id, Instant, NoContent } from '../../platform/http/api-schemas.js';
import { act } from '../act.js';
import { addPushSubscription, removePushSubscription } from './actions.js';
import { PUSH_SUBSCRIPTION_KEY } from './cursor-key.js';
import type { PushSubscriptionView } from './service.js';

const PushSubscription = Type.Object({
  id: Id,
  service: Type.Union([Type.Literal('google'), Type.Literal('mozilla'), Type.Literal('apple'), Type.Literal('microsoft'), Type.Null()], {
    description: "Whose push service carries it (the browser maker's); null when it could not be read.",
  }),
  createdAt: Instant,
  current: Type.Boolean({ description: 'Turned on with the session making this request.' }),
});

const dto = (s: PushSubscriptionView) => ({ id: s.id, service: s.service, createdAt: s.createdAt, current: s.current });

/**
 * Push notifications by choice (docs/notifications.md, "Push"). A subscription belongs to the
 * session that added it and ends with it. Pushes say only that something is waiting.
 */
export async function pushRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.get(
    '/me/push-subscriptions',
    {
      schema: {
        summary: 'The devices you turned push notifications on for, newest first, a page at a time',
        tags: ['notifications'],
        security: bearer,
        querystring: PageQuery,
        response: {
          200: Type.Composite([
            Paged('subscriptions', PushSubscription),
            Type.Object({
              push: Type.Object({
                enabled: Type.Boolean({ description: 'false when this Mend has push turned off (MEND_PUSH=off).' }),
                applicationServerKey: Type.Union([Type.String(), Type.Null()], {
                  description: "The instance's VAPID public key (base64url) to subscribe with; null while push is off.",
                }),
              }),
            }),
          ]),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const { account, session } = requireAuth(request);
      const at = pageRequest(request.query, PUSH_SUBSCRIPTION_KEY.length);
      const page = await ctx.push.list(account.id, session.id, at);
      return {
        subscriptions: page.items.map(dto),
        next: nextLink(request, page, at.size),
        push: { enabled: ctx.push.enabled, applicationServerKey: ctx.push.publicKey },
      };
    },
  );

  api.post(
    '/me/push-subscriptions',
    {
      schema: {
        summary: 'Turn push notifications on for this device',
        description:
          "The browser's PushSubscription (endpoint and keys). Only the push services of browser makers are accepted; each push says only that something is waiting. The same endpoint sent again replaces its earlier subscription.",
        tags: ['notifications'],
        security: bearer,
        body: Type.Object(
          {
            endpoint: Type.String({ minLength: 1, maxLength: MAX_ENDPOINT_LENGTH }),
            keys: Type.Object(
              { p256dh: Type.String({ minLength: 1, maxLength: 128 }), auth: Type.String({ minLength: 1, maxLength: 64 }) },
              { additionalProperties: false },
            ),
            expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'Ignored.' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ subscription: PushSubscription }), ...errors(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { endpoint, keys } = request.body;
      const subscription = await act(ctx, addPushSubscription(ctx, auth, { endpoint, keys }));
      return reply.status(201).send({ subscription: dto(subscription) });
    },
  );

  api.delete(
    '/me/push-subscriptions/:id',
    {
      schema: {
        summary: 'Turn push notifications off for one of your devices',
        tags: ['notifications'],
        security: bearer,
        params: Type.Object({ id: Id }),
        response: { 204: NoContent, ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      await act(ctx, removePushSubscription(ctx, requireAuth(request), request.params.id));
      return reply.status(204).send(null);
    },
  );
}
