import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256 } from '../../src/platform/db/ids.js';
import { SessionStore } from '../../src/features/accounts/sessions-store.js';
import { SpaceRevisionStore } from '../../src/features/spaces/space-revisions.js';
import { describeEachDatabase } from '../support/app.js';
import { couple, signUp } from '../support/api-client.js';

/**
 * A request about one space reads the session, the account and the caller's membership of that
 * space (with its revision) in one statement. It must answer exactly what the two separate reads
 * answer, and never another person's membership.
 */
describeEachDatabase('session read with a space', (get) => {
  test("the caller's own membership and the space's revision, as the separate reads give them", async () => {
    const sessions = new SessionStore(get().app.mend.store.db);
    const revisions = new SpaceRevisionStore(get().app.mend.store.db);
    const s = await couple(get().app);
    const other = await couple(get().app, ['Noor', 'Ravi']);
    for (const p of [s.a, s.b]) {
      const combined = await sessions.withAccountForSpace(sha256(p.api.token!), s.spaceId);
      const alone = await sessions.withAccount(sha256(p.api.token!));
      assert.ok(combined && alone);
      assert.deepEqual({ ...combined, member: undefined }, { ...alone, member: undefined }, 'the same session and account');
      assert.deepEqual(combined.member, await revisions.forMember(s.spaceId, p.id));
      assert.equal(combined.member?.role, 'partner');
      assert.equal(combined.member?.status, 'active');
      assert.equal(typeof combined.member?.revision, 'number');

      // Another couple's space: the session is found, the membership is not (nor theirs shown).
      const elsewhere = await sessions.withAccountForSpace(sha256(p.api.token!), other.spaceId);
      assert.equal(elsewhere?.session.accountId, p.id);
      assert.equal(elsewhere?.member, null);
    }
    // A space id that does not exist, and a token that does not.
    assert.equal((await sessions.withAccountForSpace(sha256(s.a.api.token!), 'no-such-space'))?.member, null);
    assert.equal(await sessions.withAccountForSpace(sha256('not a token'), s.spaceId), null);
  });

  test('a membership that ended is returned as it stands, and the API refuses on it', async () => {
    const sessions = new SessionStore(get().app.mend.store.db);
    const s = await couple(get().app);
    const before = await sessions.withAccountForSpace(sha256(s.b.api.token!), s.spaceId);
    const left = await s.b.api.post(`/api/v1/spaces/${s.spaceId}/leave`, { password: s.b.password });
    assert.ok([200, 204].includes(left.statusCode), left.body);
    const after = await sessions.withAccountForSpace(sha256(s.b.api.token!), s.spaceId);
    assert.notDeepEqual(after?.member, before?.member);
    assert.ok(after && (after.member === null || after.member.status !== 'active'), JSON.stringify(after?.member));
    assert.equal((await s.b.api.get(`/api/v1/spaces/${s.spaceId}/progress`)).statusCode, 404);
    // The partner who stayed still reads the space; a stranger never did.
    assert.equal((await s.a.api.get(`/api/v1/spaces/${s.spaceId}/progress`)).statusCode, 200);
    const stranger = await signUp(get().app, 'Kim');
    assert.equal((await stranger.api.get(`/api/v1/spaces/${s.spaceId}/progress`)).statusCode, 404);
  });
});
