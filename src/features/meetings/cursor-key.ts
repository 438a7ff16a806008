/**
 * The columns a page of this list is ordered by, newest first: the store pages by them and the doors
 * read a cursor of as many parts (kept apart from the store, which the doors may not import).
 */
export const MEETING_KEY = ['held_on', 'created_at', 'id'] as const;
