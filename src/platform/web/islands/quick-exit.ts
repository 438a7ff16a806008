/**
 * Quick exit: hide the page at once, ask the server to end the session (it decides, by the
 * person's setting), then leave for a neutral site, replacing this page in the history so Back
 * does not return to it. Escape pressed three times within two seconds does the same. Without
 * JavaScript the control is a form that does all of this on the server (features/safety/quick-exit-pages.ts).
 */
import { AUTOMATIC } from '../automatic.js';

const ESCAPES_NEEDED = 3;
const WINDOW_MS = 2000;
/** Long enough for the session to end on any working connection; never longer, however slow. */
const SIGN_OUT_WAIT_MS = 1500;

function leave(form: HTMLFormElement, to: string): void {
  document.body.hidden = true;
  // keepalive: the request outlives this page, even when the wait below runs out first.
  const signedOut = fetch(form.action, { method: 'POST', credentials: 'same-origin', keepalive: true, redirect: 'manual' }).catch(
    () => undefined,
  );
  const enough = new Promise((resolve) => setTimeout(resolve, SIGN_OUT_WAIT_MS));
  void Promise.race([signedOut, enough]).then(() => window.location.replace(to));
}

function setUp(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-leave-to]');
  const to = form?.dataset.leaveTo;
  if (!form || !to) return;
  let leaving = false;
  const once = (): void => {
    if (leaving) return;
    leaving = true;
    leave(form, to);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    once();
  });
  let presses: number[] = [];
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const now = Date.now();
    presses = [...presses.filter((t) => now - t < WINDOW_MS), now];
    if (presses.length >= ESCAPES_NEEDED) once();
  });
  // A page brought back from the back-forward cache is shown as it was left, even after signing
  // out. It stays hidden until the server says this address still answers this browser; if not,
  // it is loaded afresh (the sign-in page). Still signed in, what was typed into it is kept.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    document.body.hidden = true;
    fetch(window.location.href, { method: 'HEAD', credentials: 'same-origin', redirect: 'manual', headers: { [AUTOMATIC]: '1' } })
      .then((response) => {
        if (response.ok) document.body.hidden = false;
        else window.location.reload();
      })
      .catch(() => window.location.reload());
  });
}

setUp();
