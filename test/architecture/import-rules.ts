import type { ImportEdge } from './import-graph.js';

/**
 * The layering of src/ (docs/development.md, "Where things live"), as rules over the import graph.
 * Pure: it judges a list of edges, so a test can show it refusing a wrong import without one in
 * the tree.
 */

/** Packages and Node modules `core` may use: computation only, never I/O. Types may come from anywhere. */
const CORE_MAY_USE = new Set(['node:crypto']);

const layer = (file: string): 'core' | 'platform' | 'features' | 'cli' | 'root' => {
  const top = file.split('/')[1];
  return top === 'core' || top === 'platform' || top === 'features' || top === 'cli' ? top : 'root';
};

/** `features/<name>/…` → name; a file directly under features/ (the list of features) → null. */
const featureOf = (file: string): string | null => {
  const parts = file.split('/');
  return parts[1] === 'features' && parts.length > 3 ? parts[2]! : null;
};

const isStore = (file: string): boolean => /\/features\/[^/]+\/(?:[^/]+-)?store\.ts$/.test(file);
const isAdapter = (file: string): boolean => /\/features\/[^/]+\/(?:[^/]+-)?(?:api|pages)\.ts$/.test(file);

export interface Violation {
  from: string;
  to: string;
  rule: string;
}

export function importViolations(edges: readonly ImportEdge[]): Violation[] {
  const out: Violation[] = [];
  for (const e of edges) {
    const from = layer(e.from);
    if (from === 'core') {
      if (e.external ? !(e.typeOnly || CORE_MAY_USE.has(e.to)) : layer(e.to) !== 'core')
        out.push({ ...e, rule: 'core imports nothing but core' });
      continue;
    }
    if (e.external) continue;
    const to = layer(e.to);
    if (from === 'platform' && to !== 'core' && to !== 'platform') out.push({ ...e, rule: 'platform imports only core and platform' });
    const fromFeature = featureOf(e.from);
    const toFeature = featureOf(e.to);
    if (toFeature !== null && fromFeature !== null && fromFeature !== toFeature && !e.to.endsWith(`/features/${toFeature}/index.ts`)) {
      out.push({ ...e, rule: 'a feature imports another only through its index' });
    }
    if (isAdapter(e.from) && isStore(e.to)) out.push({ ...e, rule: 'route adapters never import a store' });
  }
  return out;
}

/** Every import cycle, each as the files around it (Tarjan's strongly connected components). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.external) continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    if (!next.has(e.to)) next.set(e.to, []);
  }
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!indexOf.has(v)) connect(v);
  return cycles;
}
