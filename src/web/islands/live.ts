/**
 * Live updates for sections marked `data-live-space` and `data-live-fragment`: listens to the
 * space's event stream and, when an event a section names in `data-live-on` arrives (a partner
 * checked in, an occasion was logged, …), fetches the section again and swaps it in, saying so
 * once through a polite status line. A section with `data-live-journey` ignores events about
 * another journey. No sound, no badge. Without JavaScript the section is the same on the next load.
 */
const sections = [...document.querySelectorAll<HTMLElement>('[data-live-space][data-live-fragment]')];
const spaceId = sections[0]?.dataset.liveSpace;

/** The kinds a section refreshes on; a section that names none is the check-in page's. */
const kindsOf = (section: HTMLElement): string[] => (section.dataset.liveOn ?? 'checkin').split(/\s+/).filter(Boolean);

if (spaceId && 'EventSource' in window) {
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'visually-hidden';
  document.querySelector('main')?.append(status);

  const refresh = async (section: HTMLElement, announce: boolean): Promise<void> => {
    const url = section.dataset.liveFragment;
    if (!url) return;
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').body.firstElementChild;
    if (!fresh || fresh.innerHTML === section.innerHTML) return;
    section.replaceChildren(...fresh.childNodes);
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
