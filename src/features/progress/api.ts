import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { derivedFrom } from './progress-cache.js';
import type { Progress } from './service.js';
import { KeptBody, sendKeptJson } from '../../platform/http/kept-body.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { ProgressOut } from './api-schemas.js';
import { bearer, errors, Id } from '../../platform/http/api-schemas.js';

export function progressDto(p: Progress) {
  return {
    today: p.today,
    partners: p.partners.map((x) => ({
      accountId: x.accountId,
      displayName: x.displayName,
      numbersVisible: x.numbersVisible,
      trends: x.trends,
      consistency: x.consistency,
      monthlyReview: x.review ? { trend: x.review.trend, series: x.review.series } : null,
    })),
    divergence: p.divergence,
    redFlags: p.redFlags.map((f) => ({
      rule: f.rule,
      raisedOn: f.raisedOn,
      evidence: f.evidence as Record<string, unknown>,
      fromPrivateData: f.fromPrivateData,
      ...(f.subjectId ? { subjectId: f.subjectId } : {}),
      message: f.message,
    })),
    milestones: p.milestones,
  };
}

export async function progressRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { rhythm } = app.mend;

  api.get(
    '/spaces/:spaceId/progress',
    {
      schema: {
        summary: 'Is it working? Trends, consistency, divergence, red flags and small wins',
        description:
          'Per partner: each pulse measure’s 7-day smoothed line and trend verdict over the last 8 weeks, the consistency score with its 90% band, the monthly review. ' +
          'Red flags drawn from someone’s private data are in their response only. A partner’s trends are computed only when you may see their check-in numbers (`numbersVisible`), ' +
          'and divergence only when both partners share theirs. See docs/progress.md for every formula.',
        tags: ['progress'],
        security: bearer,
        params: Type.Object({ spaceId: Id }),
        response: {
          200: ProgressOut,
          304: Type.Null({ description: 'Not modified: If-None-Match named the current ETag (of either encoding).' }),
          ...errors(401, 404),
        },
      },
    },
    async (request, reply) => {
      const { account, membership } = requireAuth(request);
      const current = await rhythm.progress.current(account, request.params.spaceId, membership);
      // Serialized once per viewer and revision, through this route's response schema; the kept
      // bytes (and their gzip form) are then sent as they are (Fastify does not serialize a Buffer).
      const kept = derivedFrom(
        current,
        'api-json',
        () => new KeptBody(Buffer.from(String(reply.serialize(progressDto(current.progress))))),
      );
      return sendKeptJson(request, reply, kept);
    },
  );
}
