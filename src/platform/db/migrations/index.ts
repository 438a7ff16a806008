import type { Migration } from 'kysely';
import * as foundation from './0001-foundation.js';
import * as journeys from './0002-journeys.js';
import * as rhythm from './0003-rhythm.js';
import * as safety from './0004-safety.js';
import * as spaceRevisions from './0005-space-revisions.js';
import * as indexes from './0006-indexes.js';
import * as sealedOnce from './0007-sealed-once.js';
import * as personalChoices from './0008-personal-choices.js';
import * as passwordResets from './0010-password-resets.js';
import * as boundCiphertexts from './0011-bound-ciphertexts.js';
import * as sealedPairsOpened from './0012-sealed-pairs-opened.js';
import * as idempotencyKeys from './0013-idempotency-keys.js';
import * as drafts from './0014-drafts.js';
import * as email from './0015-email.js';
import * as push from './0016-push.js';
import * as notificationsComplete from './0017-notifications-complete.js';
import * as formerPartners from './0019-former-partners.js';
import * as cameOutOn from './0020-came-out-on.js';
import * as transparencyAgreements from './0021-transparency-agreements.js';
import * as apologyMissingWords from './0022-apology-missing-words.js';
import * as disabledAccounts from './0023-disabled-accounts.js';
import * as personalKeys from './0024-personal-keys.js';
import * as dailyQuestion from './0025-daily-question.js';
import * as settledProgress from './0026-settled-progress.js';

/**
 * Every migration Mend knows, in order. Names never change once released: the database records
 * them, and a database that has run a migration not listed here is newer than this Mend.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-journeys': journeys,
  '0003-rhythm': rhythm,
  '0004-safety': safety,
  '0005-space-revisions': spaceRevisions,
  '0006-indexes': indexes,
  '0007-sealed-once': sealedOnce,
  '0008-personal-choices': personalChoices,
  '0010-password-resets': passwordResets,
  '0011-bound-ciphertexts': boundCiphertexts,
  '0012-sealed-pairs-opened': sealedPairsOpened,
  '0013-idempotency-keys': idempotencyKeys,
  '0014-drafts': drafts,
  '0015-email': email,
  '0016-push': push,
  '0017-notifications-complete': notificationsComplete,
  '0019-former-partners': formerPartners,
  '0020-came-out-on': cameOutOn,
  '0021-transparency-agreements': transparencyAgreements,
  '0022-apology-missing-words': apologyMissingWords,
  '0023-disabled-accounts': disabledAccounts,
  '0024-personal-keys': personalKeys,
  '0025-daily-question': dailyQuestion,
  '0026-settled-progress': settledProgress,
};
