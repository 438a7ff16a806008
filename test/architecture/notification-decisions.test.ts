import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NOTIFICATION_MESSAGES } from '../../src/core/notification-types.js';
import { decisionGaps, NOTIFICATION_DECISIONS, REMINDER_TYPES } from '../../src/features/notification-decisions.js';

/**
 * Every action decides who it tells (issue #18, src/features/notification-decisions.ts): this
 * imports each `src/features/<feature>/actions.ts` as it is, so an action added later without a
 * decision, a decision left for an action removed, or a notification type nothing causes, fails
 * here. The last tests show the check failing on made-up modules.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TYPES = Object.keys(NOTIFICATION_MESSAGES);

async function actionModules(): Promise<Record<string, Record<string, unknown>>> {
  const features = path.join(root, 'src/features');
  const out: Record<string, Record<string, unknown>> = {};
  for (const feature of readdirSync(features, { withFileTypes: true })) {
    const file = path.join(features, feature.name, 'actions.ts');
    if (feature.isDirectory() && existsSync(file)) out[feature.name] = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  }
  return out;
}

describe('who each action tells', () => {
  test('every actions module is read, with its actions', async () => {
    const modules = await actionModules();
    for (const feature of ['accounts', 'agreement-log', 'agreements', 'journey', 'spaces', 'safety']) assert.ok(modules[feature], feature);
    const count = Object.values(modules).flatMap((m) => Object.values(m).filter((v) => typeof v === 'function')).length;
    assert.ok(count >= 40, `only ${count} actions found`);
  });

  test('every exported action has a decision, every decision an action, every notification type a cause', async () => {
    assert.deepEqual(decisionGaps(await actionModules(), NOTIFICATION_DECISIONS, TYPES, REMINDER_TYPES), {
      undeclared: [],
      stale: [],
      uncaused: [],
      unknown: [],
    });
  });

  test('nothing about the safety check ever tells anyone', () => {
    for (const [action, decision] of Object.entries(NOTIFICATION_DECISIONS.safety)) assert.ok('tellsNobody' in decision, action);
  });

  test('a decision says something: its types, or in words why nobody is told', () => {
    for (const [feature, byAction] of Object.entries(NOTIFICATION_DECISIONS)) {
      for (const [action, decision] of Object.entries(byAction)) {
        if ('tells' in decision) assert.ok(decision.tells.length > 0, `${feature}/${action}`);
        else assert.ok(decision.tellsNobody.trim().length > 10, `${feature}/${action}`);
      }
    }
  });

  test('the check fails for a new action nobody decided for, and names it', async () => {
    const modules = await actionModules();
    const withNew = { ...modules, journey: { ...modules.journey, shareDraft: async () => undefined, NOT_AN_ACTION: 3 } };
    const gaps = decisionGaps(withNew, NOTIFICATION_DECISIONS, TYPES, REMINDER_TYPES);
    assert.deepEqual(gaps.undeclared, ['journey/shareDraft']);
    const brandNew = { ...modules, drafts: { saveDraft: () => undefined } };
    assert.deepEqual(decisionGaps(brandNew, NOTIFICATION_DECISIONS, TYPES, REMINDER_TYPES).undeclared, ['drafts/saveDraft']);
  });

  test('the check fails for a decision whose action is gone, and for a type nothing causes', async () => {
    const modules = await actionModules();
    const { leave: _gone, ...spaces } = modules.spaces!;
    const gaps = decisionGaps({ ...modules, spaces }, NOTIFICATION_DECISIONS, TYPES, REMINDER_TYPES);
    assert.deepEqual(gaps.stale, ['spaces/leave']);
    // `leave` was the only cause of `partner_left`: with its decision gone too, the type has none.
    const { leave: _decision, ...spaceDecisions } = NOTIFICATION_DECISIONS.spaces;
    const orphan = decisionGaps({ ...modules, spaces }, { ...NOTIFICATION_DECISIONS, spaces: spaceDecisions }, TYPES, REMINDER_TYPES);
    assert.deepEqual(orphan, { undeclared: [], stale: [], uncaused: ['partner_left'], unknown: [] });
    assert.deepEqual(decisionGaps(modules, NOTIFICATION_DECISIONS, [...TYPES, 'new_type'], REMINDER_TYPES).uncaused, ['new_type']);
    assert.deepEqual(decisionGaps(modules, NOTIFICATION_DECISIONS, TYPES, [...REMINDER_TYPES, 'no_words']).unknown, ['no_words']);
  });
});
