import { LRUCache } from 'lru-cache';
import { addDays } from '../../core/time.js';
import type { CheckinService, CheckinView } from '../checkin/index.js';
import type { SpaceView } from '../spaces/index.js';

/**
 * Viewers whose chart check-ins of settled days are kept per process. Ninety days of a couple's
 * check-ins with their notes is about 180 rows (≈ 60 KiB with notes), so this is at most ≈ 8 MiB.
 */
export const CHART_VIEWERS = 128;

interface Kept {
  /** Migration 0026's counter and the first unsettled day when these were read. */
  revision: number;
  before: string;
  /** Everything in the view that decides what the viewer may see of a check-in. */
  seenAs: string;
  /** The first day the rows cover (they run up to the day before `before`). */
  from: string;
  rows: CheckinView[];
}

/** What decides what a viewer sees of the space's check-ins: their role, the partners, each one's choice to share numbers. */
function seenAs(view: SpaceView): string {
  return JSON.stringify([view.viewer, view.partnerIds, view.space.members.map((m) => [m.accountId, m.role, m.numbersShared])]);
}

/**
 * The check-ins a viewer sees on the progress chart, their own and their partner's notes as they
 * may see them. Those of settled days (settled-history.ts) are kept for the viewer — the same
 * per-viewer result the progress cache keeps, never shared with another person — and used only
 * while the space's settled-history counter, the cut-off and the viewer's view of the space are
 * what they were; only the newer days are read and opened again (issue #24).
 */
export class ChartCheckins {
  private readonly kept: LRUCache<string, Kept> | null;

  constructor(
    private readonly checkins: CheckinService,
    maxViewers = CHART_VIEWERS,
  ) {
    this.kept = maxViewers > 0 ? new LRUCache({ max: maxViewers }) : null;
  }

  async visible(view: SpaceView, from: string, to: string, settled: { revision: number; before: string } | null): Promise<CheckinView[]> {
    if (!this.kept || !settled || settled.before <= from || settled.before > to) return this.checkins.visibleCheckins(view, from, to);
    const key = JSON.stringify([view.space.id, view.viewer]);
    const as = seenAs(view);
    let kept = this.kept.get(key);
    if (!kept || kept.revision !== settled.revision || kept.before !== settled.before || kept.seenAs !== as || kept.from > from) {
      const last = addDays(settled.before, -1);
      kept = { ...settled, seenAs: as, from, rows: await this.checkins.visibleCheckins(view, from, last) };
      this.kept.set(key, kept);
    }
    const older = kept.from === from ? kept.rows : kept.rows.filter((c) => c.date >= from);
    return older.concat(await this.checkins.visibleCheckins(view, settled.before, to));
  }
}
