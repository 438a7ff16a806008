/**
 * docs/api-reference.md, written from the OpenAPI document the server serves at /api/openapi.json
 * (itself generated from the schemas requests are validated with), so the reference in the
 * repository cannot drift from the code: `test/http/api-reference.test.ts` fails when it is stale.
 *
 * Regenerate: `node --import tsx scripts/api-reference.ts` (writes the file; `--check` only
 * compares). It starts Mend in-process on a throwaway SQLite folder; nothing leaves the machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
};
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema; description?: string }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

export const REFERENCE_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'api-reference.md');
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** A schema in a few words: `string (≤ 254)`, `"a" \| "b"`, `array of object`. */
function typeOf(schema: Schema | undefined): string {
  if (!schema) return 'any';
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return [...new Set(alternatives.map(typeOf))].join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'object');
  if (type === 'array') return `array of ${typeOf(schema.items)}`;
  const limits: string[] = [];
  if (typeof schema.format === 'string') limits.push(schema.format);
  if (typeof schema.minLength === 'number' && schema.minLength > 0) limits.push(`≥ ${schema.minLength} chars`);
  if (typeof schema.maxLength === 'number') limits.push(`≤ ${schema.maxLength} chars`);
  if (typeof schema.minimum === 'number') limits.push(`≥ ${schema.minimum}`);
  if (typeof schema.maximum === 'number') limits.push(`≤ ${schema.maximum}`);
  if (typeof schema.pattern === 'string') limits.push(`pattern \`${schema.pattern}\``);
  return limits.length ? `${type} (${limits.join(', ')})` : type;
}

function fields(schema: Schema | undefined): string[] {
  const properties = schema?.properties;
  if (!properties || Object.keys(properties).length === 0) return [];
  const required = new Set(schema.required ?? []);
  return [
    '| Field | Type | Required | Notes |',
    '| --- | --- | --- | --- |',
    ...Object.entries(properties).map(
      ([name, field]) =>
        `| \`${name}\` | ${cell(typeOf(field))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(field.description ?? '')} |`,
    ),
  ];
}

function operation(method: string, url: string, op: Operation): string[] {
  const lines = [`### \`${method.toUpperCase()} ${url}\`${op.summary ? ` — ${op.summary}` : ''}`, ''];
  if (op.description) lines.push(op.description.trim(), '');
  lines.push(op.security && op.security.length > 0 ? 'Needs `Authorization: Bearer <token>`.' : 'No sign-in needed.', '');
  const parameters = (op.parameters ?? []).filter((p) => p.in !== 'header' || p.name.toLowerCase() === 'idempotency-key');
  if (parameters.length) {
    lines.push('| Parameter | In | Type | Required | Notes |', '| --- | --- | --- | --- | --- |');
    for (const p of parameters) {
      lines.push(
        `| \`${p.name}\` | ${p.in} | ${cell(typeOf(p.schema))} | ${p.required ? 'yes' : 'no'} | ${cell(p.description ?? p.schema?.description ?? '')} |`,
      );
    }
    lines.push('');
  }
  const body = op.requestBody?.content?.['application/json']?.schema;
  if (body) {
    const table = fields(body);
    lines.push(`Request body (JSON)${table.length ? ':' : `: ${typeOf(body)}.`}`, '');
    if (table.length) lines.push(...table, '');
  }
  lines.push('Responses:', '');
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const schema = Object.values(response.content ?? {})[0]?.schema;
    const description = response.description && response.description !== 'Default Response' ? ` — ${cell(response.description)}` : '';
    if (status.startsWith('2')) {
      const top = schema?.properties ? Object.keys(schema.properties).map((k) => `\`${k}\``) : [];
      lines.push(`- **${status}**${description}${top.length ? `: ${top.join(', ')}` : ''}`);
    } else {
      lines.push(`- **${status}**${response.description === 'Every error has this shape.' ? '' : description}`);
    }
  }
  lines.push('');
  return lines;
}

/** The reference page for one OpenAPI document. */
export function renderApiReference(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [url, methods] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = methods[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), ...operation(method, url, op)]);
    }
  }
  const tags = [...byTag.keys()].sort();
  return [
    '# API reference',
    '',
    '<!-- Generated by scripts/api-reference.ts from the OpenAPI document; do not edit by hand. -->',
    '',
    'Every operation of the JSON API under `/api/v1`, generated from the OpenAPI document the server',
    'serves at `/api/openapi.json` (the schemas requests are checked against). How lists page, drafts,',
    'the unread count, the export and deleted accounts work is in [api.md](api.md); the error shape',
    '`{"error": {"code", "message", "details?"}}` and the 503 `unavailable` answer are described in the',
    'README ("API"), the codes in `src/platform/errors.ts`. Every error answer below has that shape.',
    '',
    ...tags.map(
      (tag) =>
        `- [${tag}](#${tag
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-')})`,
    ),
    '',
    ...tags.flatMap((tag) => [`## ${tag}`, '', ...byTag.get(tag)!]),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}

async function currentDocument(): Promise<OpenApiDocument> {
  const { loadConfig } = await import('../src/platform/config.js');
  const { buildApp } = await import('../src/app.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-api-reference-'));
  const app = await buildApp(loadConfig({ MEND_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  try {
    await app.ready();
    return JSON.parse((await app.inject({ method: 'GET', url: '/api/openapi.json' })).body) as OpenApiDocument;
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = renderApiReference(await currentDocument());
  if (process.argv.includes('--check')) {
    const same = fs.existsSync(REFERENCE_FILE) && fs.readFileSync(REFERENCE_FILE, 'utf8') === text;
    process.stdout.write(
      same ? 'docs/api-reference.md is current.\n' : 'docs/api-reference.md is stale: run `node --import tsx scripts/api-reference.ts`.\n',
    );
    process.exitCode = same ? 0 : 1;
  } else {
    fs.writeFileSync(REFERENCE_FILE, text);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), REFERENCE_FILE)}.\n`);
  }
}
