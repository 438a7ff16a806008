import type { Account } from '../../core/accounts/account.js';
import type { SafeHtml } from '../../platform/web/html.js';
import type { ProgressService } from './service.js';
import { redFlagPointer } from './views/home-pointer.js';

/**
 * The space home's section about progress: a one-line pointer to the progress page's "Things worth
 * talking about" when the viewer may see a red flag, nothing otherwise. It reads the viewer's kept
 * progress (computed once per space revision), so the home pays for a compute only when something
 * changed, and the progress page then finds it kept.
 */
export async function progressHomeSection(
  progress: ProgressService,
  account: Pick<Account, 'id' | 'timezone'>,
  spaceId: string,
): Promise<SafeHtml | null> {
  const { progress: p } = await progress.current(account, spaceId);
  return redFlagPointer(spaceId, p.redFlags.length);
}
