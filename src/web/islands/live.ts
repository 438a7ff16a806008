/**
 * Live updates for sections marked `data-live-space` and `data-live-fragment`: listens to the
 * space's event stream and, when a partner checks in, fetches the section again and swaps it in,
 * saying so once through a polite status line. No sound, no badge. Without JavaScript the section
 * is the same on the next load.
 */
const sections = [...document.querySelectorAll<HTMLElement>('[data-live-space][data-live-fragment]')];
const spaceId = sections[0]?.dataset.liveSpace;

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
      const heading = section.querySelector('h2')?.textContent?.trim();
      status.textContent = heading ? `Just updated: ${heading}.` : 'This page was just updated.';
    }
  };
  const refreshAll = (announce: boolean) => {
    for (const section of sections) void refresh(section, announce).catch(() => undefined);
  };

  const source = new EventSource(`/spaces/${encodeURIComponent(spaceId)}/live`);
  let opened = false;
  source.addEventListener('open', () => {
    // After a reconnect (a restart, a dropped network) something may have been missed.
    if (opened) refreshAll(false);
    opened = true;
    document.documentElement.dataset.liveConnected = 'true';
  });
  source.addEventListener('checkin', () => refreshAll(true));
  window.addEventListener('pagehide', () => source.close());
}
