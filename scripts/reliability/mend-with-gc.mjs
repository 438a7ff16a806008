// Starts the real built server (dist/main.js) with a way to read its memory after a forced
// garbage collection, for the load run: node --expose-gc, and an IPC message `{ type: 'memory' }`
// answered with process.memoryUsage(). Production code is unchanged; only the load run uses this.
if (typeof globalThis.gc !== 'function') {
  process.stderr.write('mend-with-gc: start with node --expose-gc\n');
  process.exit(2);
}
process.on('message', (message) => {
  if (message?.type !== 'memory') return;
  // Twice: the first pass can leave objects that only become unreachable after finalizers run.
  globalThis.gc();
  globalThis.gc();
  process.send?.({ type: 'memory', usage: process.memoryUsage() });
});
// The IPC channel keeps the event loop alive; let the server's own shutdown decide when to exit.
process.channel?.unref();
await import(new URL('../../dist/main.js', import.meta.url).href);
