import type { FoundationTables } from './tables/foundation.js';
import type { SafetyTables } from './tables/safety.js';
import type { JourneyTables } from './tables/journeys.js';
import type { RhythmTables } from './tables/rhythm.js';
import type { EncryptionTables } from './tables/encryption.js';
import type { PasswordResetTables } from './tables/password-resets.js';
import type { IdempotencyKeyTables } from './tables/idempotency-keys.js';
import type { EmailTables } from './tables/email.js';
import type { PushTables } from './tables/push.js';
import type { DraftTables } from './tables/drafts.js';
import type { DailyQuestionTables } from './tables/daily-question.js';

/**
 * The tables, as Kysely sees them: one interface per capability under `tables/`, joined here.
 * One schema serves SQLite and PostgreSQL, so it uses only portable types: text ids, ISO-8601
 * instants and `YYYY-MM-DD` dates as text (they sort correctly), integers 0/1 for flags.
 * Columns ending in `_enc` hold text encrypted at rest (see docs/encryption.md).
 */
export interface Database
  extends
    FoundationTables,
    JourneyTables,
    RhythmTables,
    SafetyTables,
    EncryptionTables,
    PasswordResetTables,
    IdempotencyKeyTables,
    EmailTables,
    PushTables,
    DraftTables,
    DailyQuestionTables {}
