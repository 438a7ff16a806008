import v8 from 'node:v8';

/**
 * How far V8 lets the heap grow past what was live at its last full collection before it
 * collects again, in percent. V8 picks a factor of up to 4× for a process that allocates fast on a
 * machine with memory to spare, so a server whose live heap is ~30–100 MiB grew to 200–270 MiB
 * between collections under load (issue #24, docs/performance.md "Memory"). A fixed 1.5× keeps
 * it near what is live, for a few per cent more time in the collector.
 */
export const HEAP_GROWING_PERCENT = 50;

/** Set once at start, before the app allocates much: V8 reads the flag at each full collection. */
export function boundMemory(growingPercent = HEAP_GROWING_PERCENT): void {
  v8.setFlagsFromString(`--heap-growing-percent=${growingPercent}`);
}
