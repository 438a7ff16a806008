/**
 * Live updates for sections marked `data-live-space` and `data-live-fragment`: listens to the
 * space's event stream and, when an event a section names in `data-live-on` arrives (a partner
 * checked in, an occasion was logged, …), fetches the section again and swaps it in, saying so
 * once through a polite status line. A section with `data-live-journey` ignores events about
 * another journey; one whose form is being filled in waits until the person leaves it. No sound.
 * The stream also carries the person's own `unread` events (`?own=1`), on which the header's count
 * is drawn again (issue #18). Without JavaScript the section is the same on the next load.
 */
import { AUTOMATIC } from '../automatic.js';
import { LIVE_SWAPPED } from './_live-swap.js';
import { refreshUnread } from './_unread.js';

const sections = [...document.querySelectorAll<HTMLElement>('[data-live-space][data-live-fragment]')];
const spaceId = sections[0]?.dataset.liveSpace;

/** The kinds a section refreshes on; a section that names none is the check-in page's. */
const kindsOf = (section: HTMLElement): string[] => (section.dataset.liveOn ?? 'checkin').split(/\s+/).filter(Boolean);

if (spaceId && 'EventSource' in window) {
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'visually-hidden';
  document.querySelector('main')?.append(status);

  /**
   * Someone using a section keeps it as it is: focus anywhere in it (a keyboard or screen-reader
   * user on a link would otherwise be dropped to the top of the page), anything typed or chosen,
   * or an answer the server sent back with an error to correct.
   */
  const inUse = (section: HTMLElement): boolean => {
    if (section.contains(document.activeElement)) return true;
    if (section.querySelector('[aria-invalid="true"]')) return true;
    return [...section.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')].some((c) =>
      c instanceof HTMLSelectElement
        ? [...c.options].some((o) => o.selected !== o.defaultSelected)
        : c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio')
          ? c.checked !== c.defaultChecked
          : c.value !== c.defaultValue,
    );
  };
  const waiting = new Set<HTMLElement>();
  // Marked as well, so a test (or a style) can tell an update is being held back.
  const hold = (section: HTMLElement, held: boolean): void => {
    if (held) waiting.add(section);
    else waiting.delete(section);
    section.toggleAttribute('data-live-waiting', held);
  };

  /**
   * A disclosure (an "Add a note" box) is found again in a fresh copy by its id, or else by the
   * form or labelled part it sits in and its place there.
   */
  const disclosures = (root: Element): Map<string, HTMLDetailsElement> => {
    const found = new Map<string, HTMLDetailsElement>();
    for (const details of root.querySelectorAll('details')) {
      const near = details.parentElement?.closest('form[action], [id], [aria-labelledby]');
      const part = near && near !== root && root.contains(near) ? near : root;
      const name = part === root ? '' : (part.getAttribute('action') ?? (part.id || part.getAttribute('aria-labelledby')));
      found.set(details.id ? `#${details.id}` : `${name}|${[...part.querySelectorAll('details')].indexOf(details)}`, details);
    }
    return found;
  };
  /** Each section's latest request: an older answer arriving after a newer one is dropped. */
  const latest = new Map<HTMLElement, number>();

  const refresh = async (section: HTMLElement, announce: boolean): Promise<void> => {
    const url = section.dataset.liveFragment;
    // Only this site's own fragments, whatever the attribute says.
    if (!url || new URL(url, location.href).origin !== location.origin) return;
    if (inUse(section)) {
      // Retried when the person leaves the section; their unsent words are never swapped away.
      hold(section, true);
      return;
    }
    const request = (latest.get(section) ?? 0) + 1;
    latest.set(section, request);
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html', [AUTOMATIC]: '1' } });
    if (!response.ok) {
      // Nothing is swapped; the body (an error page) is let go so the connection is free again.
      void response.body?.cancel();
      return;
    }
    const html = await response.text();
    if (latest.get(section) !== request) return;
    const fresh = new DOMParser().parseFromString(html, 'text/html').body.firstElementChild;
    if (!fresh) return;
    // A fragment's forms carry a new token for the same secret: keep the page's, so an unchanged section stays unchanged.
    const token = section.querySelector<HTMLInputElement>('input[name="_csrf"]')?.getAttribute('value');
    if (token) for (const input of fresh.querySelectorAll('input[name="_csrf"]')) input.setAttribute('value', token);
    // Each form's idempotency key too (in order): a new one per fetch would make every section look changed.
    const keys = [...section.querySelectorAll('input[name="_idempotency"]')].map((input) => input.getAttribute('value'));
    fresh.querySelectorAll('input[name="_idempotency"]').forEach((input, i) => {
      const kept = keys[i];
      if (kept) input.setAttribute('value', kept);
    });
    // A box the person opened (or closed) stays so, unless its part is gone from the fresh copy.
    const current = disclosures(section);
    for (const [key, details] of disclosures(fresh)) {
      const was = current.get(key);
      if (was) details.open = was.open;
    }
    if (inUse(section)) {
      hold(section, true);
      return;
    }
    hold(section, false);
    if (fresh.innerHTML === section.innerHTML) return;
    section.replaceChildren(...fresh.childNodes);
    section.dispatchEvent(new CustomEvent(LIVE_SWAPPED, { bubbles: true }));
    if (announce) {
      const heading = section.dataset.liveLabel ?? section.querySelector('h2')?.textContent?.trim();
      status.textContent = heading ? `Just updated: ${heading}.` : 'This page was just updated.';
    }
  };
  const refreshAll = (sectionsToRefresh: HTMLElement[], announce: boolean) => {
    for (const section of sectionsToRefresh) void refresh(section, announce).catch(() => undefined);
  };
  // The header's count rides on this stream: drawn again on the person's own event and on every catch-up.
  const unread = refreshUnread;

  for (const section of sections) {
    section.addEventListener('focusout', () => {
      // After focus has moved on; a section still in use keeps waiting.
      setTimeout(() => {
        if (waiting.has(section) && !inUse(section)) {
          hold(section, false);
          refreshAll([section], true);
        }
      }, 0);
    });
  }

  const kinds = new Set([...sections.flatMap(kindsOf), 'unread']);
  const onEvent = (event: Event): void => {
    let journeyId: unknown;
    try {
      journeyId = (JSON.parse((event as MessageEvent<string>).data) as { journeyId?: unknown }).journeyId;
    } catch {
      journeyId = undefined;
    }
    if (event.type === 'unread') unread();
    const affected = sections.filter(
      (s) =>
        kindsOf(s).includes(event.type) && !(typeof journeyId === 'string' && s.dataset.liveJourney && s.dataset.liveJourney !== journeyId),
    );
    refreshAll(affected, true);
  };

  /**
   * A browser retries a dropped stream by itself, but not one answered with anything but 200 (a 503
   * while the database is out of reach, a proxy's 502 during a restart): the EventSource is then
   * CLOSED for good. The island opens a new one after 5 s, 10 s, 20 s … at most a minute, each
   * drawn between half and all of that so pages do not come back all at once, and not while the
   * page is hidden (it tries again when shown). `data-live-connected` says where it stands.
   */
  const streamUrl = `/spaces/${encodeURIComponent(spaceId)}/live?own=1`;
  const root = document.documentElement;
  let source: EventSource | null = null;
  let failures = 0;
  let retry: number | undefined;
  let due = false;
  let probing = false;

  // Every failure in a row doubles the wait; an open stream starts the count again. The jitter
  // only lengthens it, so the first ask never comes before the server's Retry-After of 5 s, and
  // many tabs refused at once spread their asks over half as long again.
  const later = (): void => {
    const wait = Math.min(60_000, 5_000 * 2 ** failures++);
    retry = window.setTimeout(() => void reopen(), wait + (Math.random() * wait) / 2);
  };

  const connect = (catchUp: boolean): void => {
    const opened = new EventSource(streamUrl);
    source = opened;
    opened.addEventListener('open', () => {
      failures = 0;
      root.dataset.liveConnected = 'true';
      // A new EventSource sends no Last-Event-ID, so no `resync` comes: what was missed is read here.
      if (catchUp) {
        refreshAll(sections, false);
        unread();
      }
      catchUp = false;
    });
    opened.addEventListener('error', () => {
      if (opened.readyState !== EventSource.CLOSED || source !== opened) return;
      source = null;
      root.dataset.liveConnected = 'false';
      later();
    });
    // The server's answer to a reconnect (a restart, a dropped network): something may have been missed.
    opened.addEventListener('resync', () => {
      refreshAll(sections, false);
      unread();
    });
    for (const kind of kinds) opened.addEventListener(kind, onEvent);
  };

  /**
   * EventSource hides the status that closed it, so the stream's address is asked first, plainly
   * (not as an event stream): the server checks the session and the membership before it looks at
   * what was asked for, so 401 or 404 means signed out or no longer allowed, and the island stops
   * for good; 5xx or no answer means still out of reach, and it waits longer; anything else (the
   * 400 that says "ask with Accept: text/event-stream") means a stream would be let in. The plain
   * ask opens no stream and is not a view in a therapist's access log.
   */
  const reopen = async (): Promise<void> => {
    window.clearTimeout(retry);
    if (source || probing) return;
    due = document.hidden;
    if (due) return;
    probing = true;
    const answer = await fetch(streamUrl, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', [AUTOMATIC]: '1' },
      cache: 'no-store',
    }).catch(() => null);
    probing = false;
    void answer?.body?.cancel();
    if (answer && [401, 403, 404].includes(answer.status)) {
      root.dataset.liveConnected = 'refused';
      return;
    }
    if (!answer || answer.status >= 500 || answer.status === 429) later();
    else connect(true);
  };

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && due) void reopen();
  });
  window.addEventListener('pagehide', () => {
    source?.close();
    source = null;
    window.clearTimeout(retry);
  });
  // Back from the back-forward cache with the stream closed: follow again and catch up.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && !source) void reopen();
  });
  connect(false);
}
