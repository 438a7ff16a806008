import { decodeCursor, encodeCursor, DEFAULT_PAGE_SIZE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import type { HistoryPaging } from '../web/components/older-link.js';

/**
 * The page of a history a page address asks for with `?older=`. A cursor that is not Mend's
 * (an old bookmark, a typo) shows the newest items rather than an error page.
 */
export function historyRequest(older: string | undefined, keyParts: number): PageRequest {
  return { after: older ? decodeCursor(older, keyParts) : null, size: DEFAULT_PAGE_SIZE };
}

export function historyLinksFor(path: string, at: PageRequest, page: Page<unknown>): HistoryPaging {
  return { older: page.next ? `${path}?older=${encodeCursor(page.next)}` : null, newest: at.after ? path : null };
}
