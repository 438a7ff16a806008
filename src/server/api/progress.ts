import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Progress } from '../../services/progress.js';
import { requireAuth } from '../plugins/auth.js';
import { ProgressOut } from './rhythm-schemas.js';
import { bearer, errors, Id } from './schemas.js';

export function progressDto(p: Progress) {
  return {
    today: p.today,
    partners: p.partners.map((x) => ({
      accountId: x.accountId,
      displayName: x.displayName,
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
          'Red flags drawn from someone’s private data are in their response only. See docs/progress.md for every formula.',
        tags: ['progress'],
        security: bearer,
        params: Type.Object({ spaceId: Id }),
        response: { 200: ProgressOut, ...errors(401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return progressDto(await rhythm.progress.forSpace(account, request.params.spaceId));
    },
  );
}
