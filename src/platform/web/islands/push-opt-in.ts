/**
 * Push notifications by choice, on the notifications page (features/push/views/push-section.ts).
 * Nothing happens on load but showing the button: the browser is asked for permission, the
 * service worker registered and the subscription made only when the person presses it. Without
 * push support the section says so; without JavaScript its <noscript> does.
 */
const section = document.querySelector<HTMLElement>('[data-push-key]');
const controls = section?.querySelector<HTMLElement>('[data-push-controls]');
const status = section?.querySelector<HTMLElement>('[data-push-status]');
const say = (text: string): void => {
  if (status) status.textContent = text;
};
const supported = window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

async function subscription(key: Uint8Array<ArrayBuffer>): Promise<PushSubscription> {
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription();
  const made = existing?.options.applicationServerKey;
  // A subscription made for another key (this Mend's data was started afresh) cannot be used.
  if (existing && made && new Uint8Array(made).join() === key.join()) return existing;
  await existing?.unsubscribe();
  return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
}

async function turnOn(button: HTMLButtonElement, form: { key: string; csrf: string }): Promise<void> {
  button.disabled = true;
  say('Asking your browser…');
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      say(
        permission === 'denied'
          ? "Your browser is set to block notifications from Mend. You can allow them in the browser's settings for this site, then try again."
          : 'Push notifications were not turned on.',
      );
      return;
    }
    const base64 = form.key.replace(/-/g, '+').replace(/_/g, '/');
    const key = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const json = (await subscription(key)).toJSON();
    const answer = await fetch('/notifications/push', {
      method: 'POST',
      credentials: 'same-origin',
      body: new URLSearchParams({
        _csrf: form.csrf,
        endpoint: json.endpoint ?? '',
        p256dh: json.keys?.p256dh ?? '',
        auth: json.keys?.auth ?? '',
      }),
    });
    if (answer.ok) {
      // A new address (not only a new #fragment), so the page is drawn again from the server.
      window.location.assign('/notifications?push=on#push');
      return;
    }
    // A refusal comes as plain words (features/push/pages.ts); anything else gets Mend's own.
    const words = answer.status < 500 && answer.headers.get('Content-Type')?.startsWith('text/plain') ? await answer.text() : null;
    say(words ?? 'Mend could not turn push notifications on just now. Please reload the page and try again.');
  } catch {
    say('This browser could not turn push notifications on just now. Please try again later.');
  } finally {
    button.disabled = false;
  }
}

if (section && controls) {
  controls.hidden = false;
  const button = controls.querySelector<HTMLButtonElement>('[data-push-turn-on]');
  const csrf = controls.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
  if (!supported) {
    button?.remove();
    say('This browser cannot receive push notifications. Your notifications are always on this page.');
  } else {
    button?.addEventListener('click', () => void turnOn(button, { key: section.dataset.pushKey ?? '', csrf }));
  }
  // Turning this browser off also ends its subscription in the browser, then sends the form.
  const current = section.querySelector<HTMLFormElement>('form[data-push-current]');
  if (supported && current) {
    current.addEventListener('submit', (event) => {
      event.preventDefault();
      void navigator.serviceWorker
        .getRegistration('/')
        .then((r) => r?.pushManager.getSubscription())
        .then((s) => s?.unsubscribe())
        .catch(() => undefined)
        .finally(() => current.submit());
    });
  }
}
