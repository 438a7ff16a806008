/** The author's drafts are paged by when each was begun (a key that does not move while it is kept). */
export const DRAFT_KEY = ['created_at', 'id'] as const;
