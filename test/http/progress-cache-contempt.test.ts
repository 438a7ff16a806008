import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';

/**
 * The contempt red flag reads weekly meeting records too (a meeting record is shared, written
 * down by the partner who records it), next to journey entries, check-in, reassurance and
 * agreement-log notes.
 */
const clock = fixedClock(new Date('2026-03-02T12:00:00Z'));
const CONTEMPT = 'Whatever, you moron.';

const contemptFlag = async (p: Person, spaceId: string) => {
  const res = await p.api.get(`/api/v1/spaces/${spaceId}/progress`);
  assert.equal(res.statusCode, 200, res.body);
  return json(res).redFlags.find((f: { rule: string }) => f.rule === 'contempt') as
    { subjectId: string; fromPrivateData: boolean; evidence: { messageIds: string[] } } | undefined;
};

const meeting = async (p: Person, spaceId: string, agenda: Record<string, string>) => {
  const res = await p.api.post(`/api/v1/spaces/${spaceId}/meetings`, agenda);
  assert.equal(res.statusCode, 201, res.body);
  return json(res).meeting.id as string;
};

describeEachDatabase(
  'contempt flag and weekly meetings',
  (get) => {
    test('a meeting record with contempt counts: two shared notes and one meeting raise the flag, for everyone in the space', async () => {
      const app = get().app;
      const { a, b, spaceId } = await couple(app);
      const t = await signUp(app, 'Dr Lee');
      const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
      assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
      for (const p of [a, b])
        assert.equal((await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: p.password })).statusCode, 200);

      for (let i = 0; i < 2; i++)
        assert.equal(
          (await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: CONTEMPT, visibility: 'shared' } }))
            .statusCode,
          201,
        );
      assert.equal(await contemptFlag(a, spaceId), undefined, 'two messages are not enough');
      await meeting(a, spaceId, { appreciations: 'You cooked.', wentWell: 'We talked.' });
      assert.equal(await contemptFlag(a, spaceId), undefined, 'a meeting without contempt adds none');

      const id = await meeting(a, spaceId, { appreciations: 'You cooked.', concern: CONTEMPT });
      for (const viewer of [a, b, t]) {
        const flag = await contemptFlag(viewer, spaceId);
        assert.ok(flag, 'a meeting record is shared: the flag is everyone’s');
        assert.equal(flag.subjectId, a.id, 'the meeting counts for who recorded it');
        assert.equal(flag.fromPrivateData, false);
        assert.ok(flag.evidence.messageIds.includes(id));
      }
    });

    test('three meetings recorded with contempt are enough alone; the flag carries ids, never the words', async () => {
      const { a, b, spaceId } = await couple(get().app);
      for (let i = 0; i < 3; i++) await meeting(b, spaceId, { requests: CONTEMPT });
      const res = await a.api.get(`/api/v1/spaces/${spaceId}/progress`);
      const flag = json(res).redFlags.find((f: { rule: string }) => f.rule === 'contempt');
      assert.ok(flag);
      assert.equal(flag.subjectId, b.id);
      assert.ok(!res.body.includes('moron'));
    });
  },
  { clock },
);
