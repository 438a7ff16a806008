import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEntryView } from '../service.js';
import type { AgreementFacts } from '../store.js';
import { weekLogSection } from './week-log.js';

const entry = (id: string, occurredOn: string, loggedBy: string) =>
  ({
    id,
    agreementId: 'g',
    occurredOn,
    loggedBy,
    kept: true,
    review: null,
    reviewedBy: null,
    note: null,
    reviewNote: null,
    reply: null,
    repliedAt: null,
  }) as LogEntryView;

test('a week that began last month links each waiting occasion to its own month of the log', () => {
  const page = weekLogSection({
    spaceId: 's',
    viewerId: 'sam',
    isPartner: true,
    names: new Map([['alex', 'Alex']]),
    from: '2026-11-28',
    to: '2026-12-04',
    agreements: [{ id: 'g', text: 'Home by seven' } as AgreementFacts],
    entries: [entry('old', '2026-11-29', 'alex'), entry('new', '2026-12-02', 'alex')],
    more: false,
  }).toString();
  assert.ok(page.includes('href="/spaces/s/agreement-log?month=2026-11#occasion-old"'), page);
  assert.ok(page.includes('href="/spaces/s/agreement-log?month=2026-12#occasion-new"'), page);
});
