// Starts the real built server (dist/main.js) with a wall clock the run can step, as
// libfaketime would (which is not installed here, and would move timers too): `Date.now()` and
// `new Date()` read the system clock plus an offset, which an IPC message `{ type: 'clock',
// offsetMs }` sets and `{ type: 'clock-set' }` confirms. Timers and `performance.now()` keep the
// monotonic clock, as they do when a real wall clock is stepped (NTP, a VM resumed). Production
// code is unchanged; only the clock run uses this.
const RealDate = Date;
let offsetMs = 0;
class SteppedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offsetMs;
  }
}
globalThis.Date = SteppedDate;
process.on('message', (message) => {
  if (message?.type !== 'clock') return;
  offsetMs = Number(message.offsetMs) || 0;
  process.send?.({ type: 'clock-set', offsetMs, now: new Date().toISOString() });
});
// The IPC channel keeps the event loop alive; let the server's own shutdown decide when to exit.
process.channel?.unref();
await import(new URL('../../dist/main.js', import.meta.url).href);
