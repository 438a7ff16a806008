import type { Space } from './store.js';

/** A space as the API shows it (API.md): its name and who is in it, in which role. */
export const spaceDto = (s: Space) => ({
  id: s.id,
  name: s.name,
  members: s.members.map((m) => ({ accountId: m.accountId, displayName: m.displayName, role: m.role })),
});
