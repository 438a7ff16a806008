import { accessTo } from './decide.js';
import type { EntryContext } from './entry-access.js';
import type { Subject } from './subjects.js';
import type { Viewer } from './viewer.js';

/**
 * A notification must never carry more than its recipient may see. Before sending (in-app or by
 * email), pass the draft through `safeNotification`:
 * - full access: sent as drafted;
 * - a sealed entry the recipient cannot open yet: sent without any text ("your partner wrote
 *   their entry");
 * - no access: not sent at all — even the fact would leak (a private entry, someone else's safety
 *   screening, a red flag drawn from the partner's private data).
 */
export interface NotificationDraft {
  /** A stable type, e.g. `sealed_entry_submitted`; never user text. */
  readonly type: string;
  /** Text quoted from the subject, if any. */
  readonly text: string | null;
}

export function safeNotification<D extends NotificationDraft>(
  recipient: Viewer,
  about: Subject,
  draft: D,
  context: EntryContext = { entries: [] },
): D | null {
  const access = accessTo(recipient, about, context);
  if (access === 'none') return null;
  if (access === 'sealed_stub') return { ...draft, text: null };
  return draft;
}
