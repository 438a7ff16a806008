import type { AccountDto } from '../../platform/http/api-schemas.js';
import type { Account } from './store.js';

/** An account as the API shows it (API.md): never its password, settings or sessions. */
export const accountDto = (a: Account): AccountDto => ({ id: a.id, email: a.email, displayName: a.displayName, timezone: a.timezone });
