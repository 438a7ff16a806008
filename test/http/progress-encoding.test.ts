import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDatabase } from '../support/app.js';
import { couple, signUp } from '../support/api-client.js';

const progressUrl = (spaceId: string) => `/api/v1/spaces/${spaceId}/progress`;
const PRIVATE = 'PRIVATE-CANARY-7f3a. Whatever, you moron.';
const START = new Date('2026-03-02T12:00:00Z');
const clock = fixedClock(START);
const DAY = 86_400_000;
const today = () => clock.now().toISOString().slice(0, 10);

/**
 * The progress API sends its kept JSON gzipped to clients that accept gzip: the same document,
 * its own ETag, `Vary: Accept-Encoding`; conditional requests work across both encodings.
 */
describeEachDatabase(
  'progress API compression',
  (get) => {
    /**
     * Ten days of check-ins (a body worth compressing, trends that move), the last three of Alex's
     * with a contemptuous private note: a red flag in Alex's own view only.
     */
    async function scene() {
      clock.set(START);
      const s = await couple(get().app);
      for (let d = 0; d < 10; d++) {
        for (const p of [s.a, s.b]) {
          const note = p === s.a && d >= 7 ? { note: { text: `${PRIVATE} ${d}`, visibility: 'private' } } : {};
          const res = await p.api.put(`/api/v1/spaces/${s.spaceId}/checkins/${today()}`, {
            safety: 4 + (d % 3),
            trust: 5,
            closeness: 3 + (d % 4),
            ...note,
          });
          assert.ok([200, 201].includes(res.statusCode), res.body);
        }
        if (d < 9) clock.advance(DAY);
      }
      return s;
    }

    test('gzip when accepted: the same JSON, its own ETag, and Vary', async () => {
      const s = await scene();
      const plain = await s.b.api.request('GET', progressUrl(s.spaceId), undefined, { 'accept-encoding': 'identity' });
      assert.equal(plain.statusCode, 200, plain.body);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.match(String(plain.headers.vary), /Accept-Encoding/);
      assert.ok(plain.rawPayload.length >= 1024, `a body worth compressing (${plain.rawPayload.length} bytes)`);

      const zipped = await s.b.api.request('GET', progressUrl(s.spaceId), undefined, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(zipped.statusCode, 200);
      assert.equal(zipped.headers['content-encoding'], 'gzip');
      assert.match(String(zipped.headers['content-type']), /^application\/json/);
      assert.match(String(zipped.headers.vary), /Accept-Encoding/);
      assert.equal(Number(zipped.headers['content-length']), zipped.rawPayload.length);
      assert.ok(zipped.rawPayload.length < plain.rawPayload.length / 2, `${zipped.rawPayload.length} of ${plain.rawPayload.length} bytes`);
      assert.deepEqual(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8')), JSON.parse(plain.body));
      assert.notEqual(zipped.headers.etag, plain.headers.etag, 'each encoding has its own strong ETag');
    });

    test('no gzip when it is not accepted', async () => {
      const s = await scene();
      for (const accept of [undefined, '', 'identity', 'br', 'gzip;q=0', 'deflate, gzip;q=0', 'gzip;q=0, *', '*, gzip; q=0.0']) {
        const res = await s.a.api.request(
          'GET',
          progressUrl(s.spaceId),
          undefined,
          accept === undefined ? {} : { 'accept-encoding': accept },
        );
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-encoding'], undefined, `Accept-Encoding: ${accept}`);
        assert.ok(JSON.parse(res.body).partners.length === 2);
      }
    });

    test('If-None-Match answers 304 for the encoding it names, until something changes', async () => {
      const s = await scene();
      const zipped = await s.a.api.request('GET', progressUrl(s.spaceId), undefined, { 'accept-encoding': 'gzip' });
      const plain = await s.a.api.request('GET', progressUrl(s.spaceId));
      assert.notEqual(zipped.headers.etag, plain.headers.etag);
      for (const [accept, etag] of [
        ['gzip', zipped.headers.etag],
        ['identity', plain.headers.etag],
        ['identity', `W/${String(plain.headers.etag)}`],
        ['gzip', `"nope", ${String(zipped.headers.etag)}`],
      ]) {
        const res = await s.a.api.request('GET', progressUrl(s.spaceId), undefined, {
          'accept-encoding': String(accept),
          'if-none-match': String(etag),
        });
        assert.equal(res.statusCode, 304, `${accept} with ${etag}`);
        assert.equal(res.rawPayload.length, 0);
        assert.equal(res.headers['content-length'], undefined, 'no length of a body that is not sent');
        assert.equal(res.headers['content-type'], undefined);
        assert.equal(res.headers.etag, accept === 'gzip' ? zipped.headers.etag : plain.headers.etag);
      }
      // A tag of the other encoding names something the asking cache does not hold: the full answer.
      for (const [accept, etag] of [
        ['gzip', plain.headers.etag],
        ['identity', zipped.headers.etag],
      ]) {
        const res = await s.a.api.request('GET', progressUrl(s.spaceId), undefined, {
          'accept-encoding': String(accept),
          'if-none-match': String(etag),
        });
        assert.equal(res.statusCode, 200, `${accept} with ${etag}`);
      }
      // Numbers a is shown (kept ones would change nothing in a's document, and so not its tag).
      const res = await s.b.api.put(`/api/v1/spaces/${s.spaceId}/checkins/${today()}`, {
        safety: 0,
        trust: 0,
        closeness: 0,
        numbersShared: true,
      });
      assert.ok([200, 201].includes(res.statusCode), res.body);
      const changed = await s.a.api.request('GET', progressUrl(s.spaceId), undefined, {
        'accept-encoding': 'gzip',
        'if-none-match': String(zipped.headers.etag),
      });
      assert.equal(changed.statusCode, 200);
      assert.notEqual(changed.headers.etag, zipped.headers.etag);
    });

    test("the gzipped body is the viewer's own: the partner's never holds the author's private note, nor does a stranger get one", async () => {
      const s = await scene();
      // The author's view is compressed and kept first.
      const own = await s.a.api.request('GET', progressUrl(s.spaceId), undefined, { 'accept-encoding': 'gzip' });
      assert.equal(own.statusCode, 200);
      assert.match(
        gunzipSync(own.rawPayload).toString('utf8'),
        /"rule":"contempt"/,
        "the author's view holds the flag drawn from their private notes",
      );
      const forB = await s.b.api.request('GET', progressUrl(s.spaceId), undefined, {
        'accept-encoding': 'gzip',
        'if-none-match': String(own.headers.etag),
      });
      assert.equal(forB.statusCode, 200, "the author's ETag does not answer for the partner");
      const text = gunzipSync(forB.rawPayload).toString('utf8');
      assert.ok(!text.includes('PRIVATE-CANARY') && !text.includes('moron') && !text.includes('"rule":"contempt"'));
      assert.notEqual(forB.headers.etag, own.headers.etag);
      const stranger = await signUp(get().app, 'Kim');
      const refused = await stranger.api.request('GET', progressUrl(s.spaceId), undefined, { 'accept-encoding': 'gzip' });
      assert.equal(refused.statusCode, 404);
      assert.equal(refused.headers['content-encoding'], undefined);
      assert.ok(!refused.body.includes('PRIVATE-CANARY'));
    });
  },
  { clock },
);
