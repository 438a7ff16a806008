import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { acceptedAgreement, couple } from '../support/api-client.js';
import { namedControls, type NamedControl } from '../support/accessible-names.js';
import { pagesAs } from '../support/live-people.js';
import { assertSoundIds } from '../support/unique-ids.js';

/**
 * The agreement log draws the same forms once per agreement and per occasion. Someone moving from
 * field to field with a screen reader hears each field's name alone, so every name says which
 * agreement (or which occasion: day and agreement) it belongs to, while what a sighted person reads
 * stays the short label it was ("Which day?", "Confirm").
 */

const CANARY = { a: 'PRIVATE-CANARY-ALEX-names-7c2', b: 'PRIVATE-CANARY-SAM-names-d05' };
const today = localDate(new Date(), 'UTC');

const LATE = 'We say where we are when we are late';
// Two agreements whose first fifty characters are the same: a short title would not tell them apart.
const TEXT_LATE = 'When one of us will be more than fifteen minutes late, I send a text before the time';
const CALL_LATE = 'When one of us will be more than fifteen minutes late, I call before the time';
const PHONE = 'I leave my phone face up on the kitchen table from the moment I get home until the morning';

async function namingCouple(app: FastifyInstance) {
  const { a, b, spaceId } = await couple(app);
  const ok = succeeded;
  const agree = (text: string, committedBy: string[]) => acceptedAgreement(a, b, spaceId, text, committedBy);
  const ids = {
    late: await agree(LATE, [a.id, b.id]),
    textLate: await agree(TEXT_LATE, [a.id]),
    callLate: await agree(CALL_LATE, [a.id]),
    phone: await agree(PHONE, [a.id]),
  };
  const log = async (who: typeof a, agreementId: string, text: string) =>
    json(
      await ok(
        who.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: today, kept: true, note: { text, visibility: 'private' } }),
        'log',
      ),
    ).logEntry.id as string;
  // Alex logs two occasions of one agreement on the same day and one of another: three for Sam to confirm.
  const occasions = [
    await log(a, ids.late, `${CANARY.a} first`),
    await log(a, ids.late, `${CANARY.a} second`),
    await log(a, ids.phone, `${CANARY.a} phone`),
  ];
  await log(b, ids.late, `${CANARY.b} mine`);
  return { a, b, spaceId, ids, occasions };
}

function formTo(html: string, action: string): string {
  const start = html.indexOf(`<form method="post" action="${action}"`);
  assert.ok(start >= 0, `a form posting to ${action}`);
  return html.slice(start, html.indexOf('</form>', start) + '</form>'.length);
}

/** No two controls of these forms share a name: each is heard as its own. */
function assertDistinct(controls: NamedControl[], where: string) {
  const seenNames = new Map<string, number>();
  for (const c of controls) seenNames.set(c.name, (seenNames.get(c.name) ?? 0) + 1);
  const repeated = [...seenNames].filter(([, n]) => n > 1).map(([name]) => name);
  assert.deepEqual(repeated, [], `${where}: names heard more than once`);
}

describeEachDatabase('the agreement log’s forms, each named for its agreement or occasion', (get) => {
  test('the committed partner’s log forms: each field and button names its agreement, the page reads as before', async () => {
    const { app } = get();
    const o = await namingCouple(app);
    const alex = await pagesAs(app, o.a);
    const log = `/spaces/${o.spaceId}/agreement-log`;
    const page = (await alex.get(log)).body;
    assertSoundIds(page, 'Alex’s agreement log');
    assert.ok(!page.includes(CANARY.b), 'Sam’s private note is not on Alex’s page');

    const all: NamedControl[] = [];
    const expected: Array<[string, string, (title: string) => void]> = [
      [o.ids.late, LATE, (t) => assert.equal(t, LATE, 'a short agreement by its words')],
      [o.ids.textLate, TEXT_LATE, (t) => assert.equal(t, TEXT_LATE, 'two alike at first by their whole words')],
      [o.ids.callLate, CALL_LATE, (t) => assert.equal(t, CALL_LATE)],
      [
        o.ids.phone,
        PHONE,
        (t) => assert.ok(t.endsWith('…') && PHONE.startsWith(t.slice(0, -1)) && t.length <= 51, `a long one cut short: ${t}`),
      ],
    ];
    for (const [id, text, titleOk] of expected) {
      const controls = namedControls(formTo(page, `${log}/${id}`), page);
      // What a sighted person reads is unchanged; what is heard adds the agreement.
      assert.deepEqual(
        controls.map((c) => `${c.kind}: ${c.seen}`),
        [
          'input:date: Which day?',
          'textarea: Note',
          'fieldset: Did you keep it?',
          'fieldset: Who can read this note?',
          'button: Keep my note as a draft',
          'button: Log this occasion',
          'summary: Add a note (optional)',
        ],
        `the labels seen in the form for “${text}”`,
      );
      for (const c of controls) {
        const m = /^(.*) \((.+)\)$/.exec(c.name);
        assert.ok(m && m[1] === c.seen, `“${c.name}” is the label seen, then what it is about`);
        titleOk(m[2]!);
      }
      all.push(...controls);
    }
    assertDistinct(all, 'Alex’s log forms');
  });

  test('the other partner’s confirm and dispute forms: each names its occasion, two of one day by their order', async () => {
    const { app } = get();
    const o = await namingCouple(app);
    const sam = await pagesAs(app, o.b);
    const log = `/spaces/${o.spaceId}/agreement-log`;
    const page = (await sam.get(log)).body;
    assertSoundIds(page, 'Sam’s agreement log');
    assert.ok(!page.includes(CANARY.a), 'Alex’s private notes are not on Sam’s page');

    const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(`${today}T00:00:00Z`),
    );
    const occasion = [`the first occasion of ${day}, ${LATE}`, `the second occasion of ${day}, ${LATE}`, `${day}, ${PHONE.slice(0, 20)}`];
    const all: NamedControl[] = [];
    o.occasions.forEach((id, i) => {
      const controls = namedControls(formTo(page, `${log}/entries/${id}/review`), page);
      assert.deepEqual(
        controls.map((c) => `${c.kind}: ${c.kind === 'button' ? c.seen : c.name.replace(/ on .*/, ' on …')}`),
        ['input:text: Note (optional) on …', 'button: Confirm', 'button: I saw it differently'],
        'the buttons read as before (the note box’s label was already heard only)',
      );
      for (const c of controls) assert.ok(c.name.includes(occasion[i]!), `“${c.name}” names ${occasion[i]}`);
      all.push(...controls);
    });
    assertDistinct(all, 'Sam’s review forms');
    // Sam's own log form for the agreement both keep is named too, and apart from the review forms.
    all.push(...namedControls(formTo(page, `${log}/${o.ids.late}`), page));
    assertDistinct(all, 'Sam’s forms');
  });
});
