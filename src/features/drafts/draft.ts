/** A draft, opened: the texts of one form, as its author last left them. */
export interface Draft {
  place: string;
  spaceId: string;
  /** Field name → words (core/drafts/places.ts says which fields a place has). */
  fields: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/**
 * The viewer's own drafts in one space, by place, for the pages that draw its forms: read once per
 * page, never anyone else's. `timezone` is the viewer's, to say when a draft was kept.
 */
export interface DraftBook {
  timezone: string;
  byPlace: ReadonlyMap<string, Draft>;
}

/** No drafts: a therapist's pages, or a form drawn where none is kept. */
export const NO_DRAFTS: DraftBook = { timezone: 'UTC', byPlace: new Map() };
