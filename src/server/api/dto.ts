import type { Account } from '../../store/accounts.js';
import type { Space } from '../../store/spaces.js';
import type { AccountDto } from './schemas.js';

export const accountDto = (a: Account): AccountDto => ({ id: a.id, email: a.email, displayName: a.displayName, timezone: a.timezone });

export const spaceDto = (s: Space) => ({
  id: s.id,
  name: s.name,
  members: s.members.map((m) => ({ accountId: m.accountId, displayName: m.displayName, role: m.role })),
});
