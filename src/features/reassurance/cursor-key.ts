/**
 * The columns a page of this list is ordered by, newest first: the store pages by them and the doors
 * read a cursor of as many parts (kept apart from the store, which the doors may not import).
 */
export const REASSURANCE_KEY = ['created_at', 'id'] as const;
