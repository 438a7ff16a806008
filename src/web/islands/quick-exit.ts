/**
 * Quick exit: leave for a neutral site and replace this page in the history, so the back button
 * does not return to Mend. Escape pressed three times within two seconds does the same. Without
 * JavaScript the control is still a plain link.
 */
const ESCAPES_NEEDED = 3;
const WINDOW_MS = 2000;

function leave(url: string): void {
  document.body.hidden = true;
  window.location.replace(url);
}

function setUp(): void {
  const link = document.querySelector<HTMLAnchorElement>('a[data-quick-exit]');
  if (!link) return;
  const url = link.href;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    leave(url);
  });
  let presses: number[] = [];
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const now = Date.now();
    presses = [...presses.filter((t) => now - t < WINDOW_MS), now];
    if (presses.length >= ESCAPES_NEEDED) leave(url);
  });
}

setUp();
