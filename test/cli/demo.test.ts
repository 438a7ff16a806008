import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestApp } from '../support/app.js';
import { ApiClient } from '../support/api-client.js';
import { DIALECTS, skipReason } from '../support/databases.js';
import { cli } from '../support/cli.js';

for (const dialect of DIALECTS) {
  test(`mend demo creates a living couple whose sign-ins work [${dialect}]`, async (t) => {
    const skip = await skipReason(dialect);
    if (skip) return t.skip(skip);
    // The test app creates (and afterwards drops) the database; the demo writes into it.
    const app = await startTestApp(dialect);
    try {
      const env = {
        MEND_DATA_DIR: app.config.dataDir,
        LOG_LEVEL: 'silent',
        ...(app.config.databaseUrl ? { DATABASE_URL: app.config.databaseUrl } : {}),
      };
      const { code, out, err } = await cli(['demo'], env);
      assert.equal(code, 0, err);
      const logins = [...out.matchAll(/(\S+@demo\.mend\.invalid)\s+password: (.+)$/gm)].map((m) => ({
        email: m[1]!,
        password: m[2]!.trim(),
      }));
      assert.equal(logins.length, 2, out);
      const spaceId = /\/spaces\/([0-9a-f-]+)\/progress/.exec(out)![1]!;

      const session = await new ApiClient(app.app).post('/api/v1/sessions', logins[1]);
      assert.equal(session.statusCode, 201, session.body);
      const sam = new ApiClient(app.app, json(session).token);
      const progress = json(await sam.get(`/api/v1/spaces/${spaceId}/progress`));
      assert.equal(progress.partners.length, 2);
      assert.ok(progress.partners.every((p: { trends: { trust: { verdict: string } } }) => p.trends.trust.verdict !== 'not_enough_data'));
      assert.ok(progress.partners.some((p: { consistency: { occasions: number } }) => p.consistency.occasions > 50));
      assert.ok(progress.milestones.length >= 8);
      const journeys = json(await sam.get(`/api/v1/spaces/${spaceId}/journeys`)).journeys;
      const steps = journeys[0].steps as Array<{ number: number; status: string }>;
      assert.notEqual(steps.find((s) => s.number === 6)!.status, 'locked', 'the journey has reached step 6');
      assert.ok(json(await sam.get(`/api/v1/spaces/${spaceId}/reassurance-requests`)).reassuranceRequests.length >= 2);
    } finally {
      await app.close();
    }
  });
}

test('mend demo refuses unknown arguments', async () => {
  const { code, err } = await cli(['demo', '--bogus'], { MEND_DATA_DIR: '/nonexistent-mend-demo' });
  assert.equal(code, 2);
  assert.match(err, /Usage: mend demo/);
});
