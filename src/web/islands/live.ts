/**
 * Live updates for sections marked `data-live-space` and `data-live-fragment`: listens to the
 * space's event stream and, when an event a section names in `data-live-on` arrives (a partner
 * checked in, an occasion was logged, …), fetches the section again and swaps it in, saying so
 * once through a polite status line. A section with `data-live-journey` ignores events about
 * another journey; one whose form is being filled in waits until the person leaves it. No sound,
 * no badge. Without JavaScript the section is the same on the next load.
 */
import { LIVE_SWAPPED } from './_live-swap.js';

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
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
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

  const source = new EventSource(`/spaces/${encodeURIComponent(spaceId)}/live`);
  source.addEventListener('open', () => {
    document.documentElement.dataset.liveConnected = 'true';
  });
  // The server's answer to a reconnect (a restart, a dropped network): something may have been missed.
  source.addEventListener('resync', () => refreshAll(sections, false));

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

  const kinds = new Set(sections.flatMap(kindsOf));
  for (const kind of kinds) {
    source.addEventListener(kind, (event) => {
      let journeyId: unknown;
      try {
        journeyId = (JSON.parse((event as MessageEvent<string>).data) as { journeyId?: unknown }).journeyId;
      } catch {
        journeyId = undefined;
      }
      const affected = sections.filter(
        (s) => kindsOf(s).includes(kind) && !(typeof journeyId === 'string' && s.dataset.liveJourney && s.dataset.liveJourney !== journeyId),
      );
      refreshAll(affected, true);
    });
  }
  window.addEventListener('pagehide', () => source.close());
}
