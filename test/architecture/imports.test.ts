import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importsOf, projectImports, type ImportEdge } from './import-graph.js';
import { importCycles, importViolations } from './import-rules.js';

/**
 * The layering of src/ (docs/development.md, "Where things live"), checked on every import of the
 * product's code: core imports nothing else; platform imports only core; a feature imports another
 * only through its index; route adapters never import a store; no import cycles.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const edge = (from: string, to: string, extra: Partial<ImportEdge> = {}): ImportEdge => ({
  from,
  to,
  typeOnly: false,
  external: false,
  ...extra,
});

describe('the layers of src/', () => {
  const edges = projectImports(root);

  test('the graph is read: every layer has files and imports', () => {
    for (const layer of ['src/core/', 'src/platform/', 'src/features/', 'src/cli/']) {
      assert.ok(
        edges.some((e) => e.from.startsWith(layer)),
        `no imports read from ${layer}`,
      );
    }
    assert.ok(edges.length > 500, `only ${edges.length} imports read`);
  });

  test('every import keeps to the rules', () => {
    assert.deepEqual(
      importViolations(edges).map((v) => `${v.rule}: ${v.from} → ${v.to}`),
      [],
    );
  });

  test('no import cycles', () => {
    assert.deepEqual(
      importCycles(edges).map((c) => c.join(' → ')),
      [],
    );
  });
});

describe('the rules refuse a wrong import (each shown once, so the check above can fail)', () => {
  test('core importing platform, a feature, or a package that does I/O', () => {
    const wrong = [
      edge('src/core/progress/trend.ts', 'src/platform/db/database.ts'),
      edge('src/core/progress/trend.ts', 'src/features/checkin/store.ts'),
      edge('src/core/progress/trend.ts', 'kysely', { external: true }),
    ];
    assert.equal(importViolations(wrong).length, 3);
    assert.deepEqual(
      importViolations([
        edge('src/core/progress/trend.ts', 'kysely', { external: true, typeOnly: true }),
        edge('src/core/a.ts', 'node:crypto', { external: true }),
      ]),
      [],
    );
  });

  test('platform importing a feature or the composition root', () => {
    const found = importViolations([
      edge('src/platform/http/render.ts', 'src/features/spaces/index.ts'),
      edge('src/platform/http/render.ts', 'src/context.ts'),
    ]);
    assert.deepEqual(
      found.map((v) => v.rule),
      ['platform imports only core and platform', 'platform imports only core and platform'],
    );
  });

  test('a feature reaching into another feature past its index', () => {
    const found = importViolations([edge('src/features/journey/service.ts', 'src/features/agreements/store.ts')]);
    assert.deepEqual(
      found.map((v) => v.rule),
      ['a feature imports another only through its index'],
    );
    assert.deepEqual(importViolations([edge('src/features/journey/service.ts', 'src/features/agreements/index.ts')]), []);
  });

  test('a route adapter importing a store, its own or through the store file', () => {
    const found = importViolations([
      edge('src/features/checkin/api.ts', 'src/features/checkin/store.ts'),
      edge('src/features/journey/pages.ts', 'src/features/journey/entries-store.ts'),
    ]);
    assert.equal(found.length, 2);
    assert.ok(found.every((v) => v.rule === 'route adapters never import a store'));
  });

  test('a cycle, of two files or of many', () => {
    assert.deepEqual(importCycles([edge('src/a.ts', 'src/b.ts'), edge('src/b.ts', 'src/a.ts')]), [['src/a.ts', 'src/b.ts']]);
    assert.equal(
      importCycles([edge('src/a.ts', 'src/b.ts'), edge('src/b.ts', 'src/c.ts'), edge('src/c.ts', 'src/a.ts'), edge('src/c.ts', 'src/d.ts')])
        .length,
      1,
    );
    assert.deepEqual(importCycles([edge('src/a.ts', 'src/b.ts'), edge('src/b.ts', 'src/c.ts')]), []);
  });

  test('imports are read from real text: type-only, dynamic and re-exports', () => {
    const text =
      "import type { A } from './a.js';\nimport { type B, C } from '../b.js';\nexport { D } from './d.js';\nconst e = await import('./e.js');\nimport fs from 'node:fs';";
    const found = importsOf(root, 'src/features/x/y.ts', text);
    assert.deepEqual(
      found.map((e) => [e.to, e.typeOnly, e.external]),
      [
        ['src/features/x/a.ts', true, false],
        ['src/features/b.ts', false, false],
        ['src/features/x/d.ts', false, false],
        ['src/features/x/e.ts', false, false],
        ['node:fs', false, true],
      ],
    );
  });
});
