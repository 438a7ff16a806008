import { accessTo } from './decide.js';
import type { EntryContext } from './entry-access.js';
import type { Subject } from './subjects.js';
import type { Viewer } from './viewer.js';

/**
 * A notification must never carry more than its recipient may see. Before sending (in-app or by
 * email), pass the draft through `safeNotification`:
 * - full access: sent as drafted;
 * - a sealed entry the recipient cannot open yet: sent without any text, and only when the draft
 *   is one of `SEALED_HALF_NOTIFICATIONS` — the one fact Mend tells about a half still sealed is
 *   that it exists ("your partner has written theirs; write yours to open both"). Any other
 *   notification about it is not sent;
 * - no access: not sent at all — even the fact would leak (a private entry, someone else's safety
 *   screening, a red flag drawn from the partner's private data).
 */
export interface NotificationDraft {
  /** A stable type, e.g. `sealed_half_written`; never user text. */
  readonly type: string;
  /** Text quoted from the subject, if any. */
  readonly text: string | null;
}

/**
 * The notifications a sealed half the recipient cannot open yet may cause: exactly one, saying
 * that the partner has written theirs (the partner's journey page shows the same fact as a stub).
 */
export const SEALED_HALF_NOTIFICATIONS: ReadonlySet<string> = new Set(['sealed_half_written']);

export function safeNotification<D extends NotificationDraft>(
  recipient: Viewer,
  about: Subject,
  draft: D,
  context: EntryContext = { entries: [] },
): D | null {
  const access = accessTo(recipient, about, context);
  if (access === 'none') return null;
  if (access === 'sealed_stub') return SEALED_HALF_NOTIFICATIONS.has(draft.type) ? { ...draft, text: null } : null;
  return draft;
}
