import type { Account } from '../../features/accounts/store.js';
import type { Space } from '../../features/spaces/store.js';
import type { AccountDto } from './api-schemas.js';

export const accountDto = (a: Account): AccountDto => ({ id: a.id, email: a.email, displayName: a.displayName, timezone: a.timezone });

export const spaceDto = (s: Space) => ({
  id: s.id,
  name: s.name,
  members: s.members.map((m) => ({ accountId: m.accountId, displayName: m.displayName, role: m.role })),
});
