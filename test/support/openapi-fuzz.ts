import fc from 'fast-check';

/**
 * Requests generated from the app's own OpenAPI document: every operation, path parameters from a
 * pool of real ids (the caller's own and other people's) plus malformed ones, query parameters,
 * and bodies from each operation's JSON schema — valid ones so deeper code runs, and hostile ones
 * (huge, deep, wrong-typed, odd unicode, impossible dates, absurd numbers, unknown or missing
 * fields, no body, wrong content type). Used by test/reliability/openapi-fuzz.test.ts and
 * scripts/reliability/fuzz.ts; the world and the checks live in openapi-fuzz-world.ts and
 * openapi-fuzz-run.ts.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type JsonSchema = Record<string, any>;

export interface Operation {
  method: Method;
  /** OpenAPI form, `/api/v1/spaces/{spaceId}`. */
  path: string;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: JsonSchema }>;
  body: JsonSchema | null;
  /** Server-sent events and other streams: never awaited to the end by `app.inject`. */
  streaming: boolean;
}

export function operationsOf(openapi: { paths: Record<string, Record<string, any>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'delete'].includes(method)) continue;
      const parameters: Array<{ in: string; name: string; schema?: JsonSchema }> = op.parameters ?? [];
      const produces = Object.values<any>(op.responses ?? {}).flatMap((r) => Object.keys(r?.content ?? {}));
      ops.push({
        method: method.toUpperCase() as Method,
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        streaming: produces.includes('text/event-stream') || path.endsWith('/events'),
      });
    }
  }
  return ops;
}

/** A value a parameter or body field may take, and whose object it is (null: nobody's, or malformed). */
export interface PoolItem {
  value: string;
  owner: string | null;
}

/** What the generator may draw on: real ids by parameter name, and the caller's own account id. */
export interface FuzzContext {
  pools: Record<string, PoolItem[]>;
  accountIds: PoolItem[];
  today: string;
  /** The caller's password, offered now and then to re-authentication so export runs too. */
  password: string | null;
  /** The caller's email, offered to sign-in so that a real sign-in happens now and then. */
  email?: string;
  /** Owners whose objects the caller may use: most requests should reach past the access check. */
  mine: Set<string>;
}

export interface FuzzRequest {
  op: Operation;
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** What the body was, for the report and for tracking state (undefined when raw or absent). */
  body?: unknown;
  /** Every id from the pools this request carries (path and body), with its owner. */
  ids: PoolItem[];
  /** One word per choice, for the histogram and for reading a failure without the payload. */
  shape: string;
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const UNICODE_EDGES = [
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\u0000',
  '\u202e\u200f', // RTL override and mark
  '\ufeff',
  '\uffff',
  '👨‍👩‍👧‍👦', // emoji ZWJ sequence
  'e\u0301\u0302\u0303\u0304\u0305', // stacked combining marks
  '\u0085\u2028\u2029',
  'İı',
  '𝕄𝕖𝕟𝕕',
  '<script>alert(1)</script>',
  "'; drop table accounts; --",
  '%00%ff',
  '../../etc/passwd',
  '{{7*7}}${7*7}',
];

const BAD_DATES = [
  '2025-02-30',
  '2025-13-01',
  '2025-00-10',
  '0000-00-00',
  '2025-2-3',
  '-001-01-01',
  '99999-01-01',
  '2025-02-29',
  '1900-02-29',
  '2025-12-32',
  '2025-06-31',
  'today',
  '2025/01/01',
  '20250101',
  '2025-01-01T00:00:00Z',
  ' 2025-01-01',
];
const EDGE_DATES = ['1970-01-01', '0001-01-01', '9999-12-31', '2024-02-29', '2000-02-29'];
const BAD_MONTHS = ['2025-13', '2025-00', '0000-00', '2025-1', '202511', '2025-11-01', 'x'];

export const unicodeEdge: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(fc.constantFrom(...UNICODE_EDGES), fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 8 })),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''));

const absurdNumber = fc.constantFrom<unknown>(
  -1,
  -0,
  0.5,
  -2147483649,
  2147483648,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '0x10',
  '1_000',
);

function deepJson(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 2_001, max: 30_000 }).map((n) => 'x'.repeat(n)),
  unicodeEdge,
  fc.constantFrom(...BAD_DATES),
  absurdNumber,
  fc.constantFrom<unknown>(null, true, false, [], {}, [[[]]], '', ' ', '\t\n', 0, 1, [null], { text: null }, { visibility: 'sealed' }),
  fc.tuple(fc.integer({ min: 20, max: 400 }), fc.boolean()).map(([d, arr]) => deepJson(d, arr ? 'array' : 'object')),
  fc.constant(JSON.parse('{"__proto__": {"admin": true}, "constructor": {"prototype": {"isAdmin": true}}}')),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A string over the whole of Unicode and its edges, never longer than `max`. */
function text(min: number, max: number): fc.Arbitrary<string> {
  const cap = Math.min(max, 400);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: cap }) },
      { weight: 1, arbitrary: unicodeEdge },
      { weight: 1, arbitrary: fc.constantFrom('I am sorry.', 'You always do this!', 'We agreed to talk on Sundays.', '   ') },
      { weight: 1, arbitrary: fc.integer({ min: Math.max(min, max - 2), max }).map((n) => 'é'.repeat(n)) },
    )
    .filter((s) => s.length >= min && s.length <= max);
}

function realDate(today: string): fc.Arbitrary<string> {
  const base = Date.parse(`${today}T00:00:00Z`);
  return fc.oneof(
    // Mostly the days a check-in or a log may be for (today and two back), so writes get through.
    { weight: 6, arbitrary: fc.integer({ min: -2, max: 0 }).map((d) => new Date(base + d * 86_400_000).toISOString().slice(0, 10)) },
    { weight: 2, arbitrary: fc.integer({ min: -8, max: 3 }).map((d) => new Date(base + d * 86_400_000).toISOString().slice(0, 10)) },
    { weight: 2, arbitrary: fc.integer({ min: -800, max: 800 }).map((d) => new Date(base + d * 86_400_000).toISOString().slice(0, 10)) },
    { weight: 1, arbitrary: fc.constantFrom(...EDGE_DATES) },
  );
}

function ids(pool: PoolItem[] | undefined): fc.Arbitrary<PoolItem> | null {
  return pool && pool.length > 0 ? fc.constantFrom(...pool) : null;
}

/** Field names whose values are ids of things in the world. */
const ID_FIELDS: Record<string, string> = { brokeTrust: 'account', committedBy: 'account', journeyId: 'journeyId', id: 'notificationId' };

// ---------------------------------------------------------------------------------------------
// Values from a JSON schema. Returns the value and the pool ids it used.

type Gen = fc.Arbitrary<{ value: unknown; ids: PoolItem[] }>;
const plain = (a: fc.Arbitrary<unknown>): Gen => a.map((value) => ({ value, ids: [] }));

export function validValue(schema: JsonSchema, ctx: FuzzContext, field = ''): Gen {
  const idKind = ID_FIELDS[field];
  if (idKind && schema.type === 'string') {
    const all = idKind === 'account' ? ctx.accountIds : (ctx.pools[idKind] ?? []);
    const own = ids(all.filter((p) => p.owner !== null && ctx.mine.has(p.owner)));
    const pool = ids(all);
    const options: Array<{ weight: number; arbitrary: Gen }> = [{ weight: 1, arbitrary: plain(text(1, 64)) }];
    if (own) options.push({ weight: 6, arbitrary: own.map((p) => ({ value: p.value, ids: [p] })) });
    if (pool) options.push({ weight: 3, arbitrary: pool.map((p) => ({ value: p.value, ids: [p] })) });
    if (options.length > 1) return fc.oneof(...options);
  }
  if (field === 'password') {
    const options: fc.Arbitrary<string>[] = [text(0, 80), fc.integer({ min: 0, max: 1e9 }).map((n) => `quiet harbour lantern ${n} meadow`)];
    if (ctx.password) options.push(fc.constant(ctx.password));
    return plain(fc.oneof(...options));
  }
  if (field === 'timezone')
    return plain(
      fc.constantFrom(
        'UTC',
        'Europe/Paris',
        'Australia/Lord_Howe',
        'America/St_Johns',
        'Pacific/Kiritimati',
        'Mars/Olympus',
        '',
        'UTC+25',
        '../../etc',
      ),
    );
  if (field === 'email') return plain(fc.oneof(fc.emailAddress(), text(0, 60), ...(ctx.email ? [fc.constant(ctx.email)] : [])));
  if (schema.anyOf) return fc.oneof(...(schema.anyOf as JsonSchema[]).map((s) => validValue(s, ctx, field)));
  if (schema.enum) return plain(fc.constantFrom(...(schema.enum as unknown[])));
  switch (schema.type) {
    case 'object': {
      const props = Object.entries<JsonSchema>(schema.properties ?? {});
      const required = new Set<string>(schema.required ?? []);
      const entries = props.map(([name, s]) => [name, validValue(s, ctx, name)] as const);
      return fc
        .tuple(
          ...entries.map(([name, gen]) =>
            required.has(name)
              ? gen.map((g) => ({ name, g }))
              : fc.option(
                  gen.map((g) => ({ name, g })),
                  { nil: undefined },
                ),
          ),
        )
        .map((parts) => {
          const value: Record<string, unknown> = {};
          const used: PoolItem[] = [];
          for (const part of parts) {
            if (!part) continue;
            value[part.name] = part.g.value;
            used.push(...part.g.ids);
          }
          return { value, ids: used };
        });
    }
    case 'array':
      return fc
        .array(validValue(schema.items ?? {}, ctx, field), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 4, 4),
        })
        .map((items) => ({ value: items.map((i) => i.value), ids: items.flatMap((i) => i.ids) }));
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 1000;
      return plain(schema.type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true }));
    }
    case 'boolean':
      return plain(fc.boolean());
    case 'null':
      return plain(fc.constant(null));
    case 'string': {
      if (schema.format === 'date') return plain(realDate(ctx.today));
      if (typeof schema.pattern === 'string' && schema.pattern.includes(':')) {
        return plain(
          fc
            .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
            .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
        );
      }
      return plain(text(schema.minLength ?? 0, schema.maxLength ?? 2000));
    }
    default:
      return plain(fc.jsonValue({ maxDepth: 2 }));
  }
}

/** A value that breaks the schema at one place: a wrong type, a boundary, an edge, a foreign id. */
function wrongValue(schema: JsonSchema, ctx: FuzzContext, field = ''): Gen {
  const options: Gen[] = [plain(hostileValue)];
  if (typeof schema.maxLength === 'number') options.push(plain(fc.constant('y'.repeat(schema.maxLength + 1))));
  if (typeof schema.minLength === 'number' && schema.minLength > 0) options.push(plain(fc.constant('')));
  if (typeof schema.maximum === 'number') options.push(plain(fc.constantFrom(schema.maximum + 1, schema.maximum + 0.5)));
  if (typeof schema.minimum === 'number') options.push(plain(fc.constantFrom(schema.minimum - 1, schema.minimum - 0.5)));
  if (schema.format === 'date') options.push(plain(fc.constantFrom(...BAD_DATES)));
  if (typeof schema.maxItems === 'number')
    options.push(plain(fc.constant(Array.from({ length: schema.maxItems + 1 }, (_, i) => `id-${i}`))));
  // An id in a text field is only text; in an id field it claims the object, and is checked.
  const kind = ID_FIELDS[field];
  const matching = kind ? (kind === 'account' ? ctx.accountIds : (ctx.pools[kind] ?? [])) : [];
  const foreign = ids(Object.values(ctx.pools).flat());
  if (foreign)
    options.push(foreign.map((p) => ({ value: schema.type === 'array' ? [p.value] : p.value, ids: matching.includes(p) ? [p] : [] })));
  return fc.oneof(...options);
}

/** Breaks a valid object: a field made wrong, a required field dropped, an unknown field added. */
function mutated(schema: JsonSchema, ctx: FuzzContext): Gen {
  const props = Object.entries<JsonSchema>(schema.properties ?? {});
  const objectSchema = schema.type === 'object' || props.length > 0;
  if (!objectSchema) return wrongValue(schema, ctx);
  const mutations: fc.Arbitrary<(v: Record<string, unknown>, used: PoolItem[]) => void>[] = [
    fc
      .tuple(
        fc.constantFrom('isAdmin', 'role', 'spaceId', 'authorId', 'visibility', 'deletedAt', '__proto__', 'surprise', ''),
        hostileValue,
      )
      .map(
        ([k, h]) =>
          (v) =>
            void Object.defineProperty(v, k, { value: h, enumerable: true, writable: true, configurable: true }),
      ),
  ];
  if (props.length > 0) {
    mutations.push(
      fc
        .constantFrom(...props)
        .chain(([name, s]) => wrongValue(s, ctx, name).map((w) => ({ name, w })))
        .map(({ name, w }) => (v, used) => {
          v[name] = w.value;
          used.push(...w.ids);
        }),
    );
    // A nested text object ({text, visibility}) broken from the inside.
    mutations.push(
      fc
        .tuple(fc.constantFrom(...props.map(([n]) => n)), fc.constantFrom('text', 'visibility'), hostileValue)
        .map(([name, inner, h]) => (v) => {
          v[name] = { text: 'a note', visibility: 'private', [inner]: h };
        }),
    );
  }
  const required: string[] = schema.required ?? [];
  if (required.length > 0) mutations.push(fc.constantFrom(...required).map((name) => (v) => void delete v[name]));
  return fc
    .tuple(
      validValue(schema, ctx),
      fc.array(
        fc.constantFrom(...mutations).chain((m) => m),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(([base, changes]) => {
      const value = { ...(base.value as Record<string, unknown>) };
      const used = [...base.ids];
      for (const change of changes) change(value, used);
      return { value, ids: used };
    });
}

// ---------------------------------------------------------------------------------------------
// Path, query and the whole request

const MALFORMED_SEGMENTS = [
  '0',
  '-1',
  '1e309',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  "' or 1=1 --",
  '..',
  '.',
  ' ',
  'AAAA-BBBB-CCCC-DDDD',
  '00000000-0000-0000-0000-000000000000',
  '%',
  '%E0%A4%A',
  '%00',
  '%2F',
  '%ud800',
];

/** Path values written into the URL without encoding (broken escapes must reach the router as sent). */
const RAW_SEGMENTS = new Set(['%', '%E0%A4%A', '%00', '%2F', '%ud800']);

function segmentFor(name: string, ctx: FuzzContext): fc.Arbitrary<{ raw: string; item: PoolItem | null; kind: string }> {
  const options: Array<{ weight: number; arbitrary: fc.Arbitrary<{ raw: string; item: PoolItem | null; kind: string }> }> = [];
  const own = ids(ctx.pools[name]?.filter((p) => p.owner !== null && ctx.mine.has(p.owner)));
  const others = ids(ctx.pools[name]?.filter((p) => p.owner !== null && !ctx.mine.has(p.owner)));
  const values = ids(ctx.pools[name]?.filter((p) => p.owner === null));
  if (own) options.push({ weight: 8, arbitrary: own.map((item) => ({ raw: encodeURIComponent(item.value), item, kind: 'own' })) });
  if (others)
    options.push({ weight: 4, arbitrary: others.map((item) => ({ raw: encodeURIComponent(item.value), item, kind: 'foreign' })) });
  if (values)
    options.push({
      weight: name === 'therapistId' ? 6 : 1,
      arbitrary: values.map((item) => ({ raw: encodeURIComponent(item.value), item, kind: 'value' })),
    });
  if (name === 'date') {
    options.push({ weight: 4, arbitrary: realDate(ctx.today).map((d) => ({ raw: d, item: null, kind: 'date' })) });
    options.push({
      weight: 2,
      arbitrary: fc.constantFrom(...BAD_DATES).map((d) => ({ raw: encodeURIComponent(d), item: null, kind: 'bad-date' })),
    });
  }
  if (name === 'month') {
    options.push({ weight: 4, arbitrary: realDate(ctx.today).map((d) => ({ raw: d.slice(0, 7), item: null, kind: 'month' })) });
    options.push({
      weight: 2,
      arbitrary: fc.constantFrom(...BAD_MONTHS).map((m) => ({ raw: encodeURIComponent(m), item: null, kind: 'bad-month' })),
    });
  }
  // Someone else's id where this one belongs (a journey id as a space id, and so on).
  const anyPool = ids(Object.values(ctx.pools).flat());
  if (anyPool)
    options.push({ weight: 1, arbitrary: anyPool.map((item) => ({ raw: encodeURIComponent(item.value), item, kind: 'other-kind' })) });
  options.push({
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.constantFrom(...MALFORMED_SEGMENTS).map((s) => (RAW_SEGMENTS.has(s) ? s : encodeURIComponent(s))),
        unicodeEdge.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?')) || 'x'),
        fc.integer({ min: 65, max: 3000 }).map((n) => 'z'.repeat(n)),
        fc.uuid(),
      )
      .map((raw) => ({ raw, item: null, kind: 'malformed' })),
  });
  return fc.oneof(...options);
}

function queryFor(op: Operation, ctx: FuzzContext): fc.Arbitrary<{ query: string; shape: string }> {
  const one = (name: string, schema: JsonSchema) =>
    fc
      .oneof(
        { weight: 3, arbitrary: schema.format === 'date' ? realDate(ctx.today) : fc.constantFrom('US', 'GB', 'CA', 'AU', 'FR', 'us', '') },
        { weight: 2, arbitrary: fc.constantFrom(...BAD_DATES, ...BAD_MONTHS) },
        {
          weight: 2,
          arbitrary: fc.oneof(
            unicodeEdge,
            fc.integer({ min: 9, max: 5000 }).map((n) => 'q'.repeat(n)),
            absurdNumber.map(String),
          ),
        },
      )
      .map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '?'))}`);
  const params = [
    ...op.queryParams.map((p) => ({ name: p.name, schema: p.schema })),
    { name: 'surprise', schema: { type: 'string' } },
    { name: '__proto__[x]', schema: { type: 'string' } },
  ];
  return fc
    .array(
      fc.constantFrom(...params).chain((p) => one(p.name, p.schema)),
      { maxLength: 4 },
    )
    .map((parts) => ({ query: parts.length > 0 ? `?${parts.join('&')}` : '', shape: parts.length > 0 ? 'query' : '' }));
}

type BodyChoice = { payload?: string; body?: unknown; contentType?: string; ids: PoolItem[]; shape: string };

function bodyFor(op: Operation, ctx: FuzzContext): fc.Arbitrary<BodyChoice> {
  const json =
    (shape: string) =>
    (g: { value: unknown; ids: PoolItem[] }): BodyChoice => ({
      payload: safeStringify(g.value),
      body: g.value,
      contentType: 'application/json',
      ids: g.ids,
      shape,
    });
  const raw: fc.Arbitrary<BodyChoice> = fc.oneof(
    fc.constantFrom<BodyChoice>(
      { payload: '', contentType: 'application/json', ids: [], shape: 'empty' },
      { payload: '{"text": ', contentType: 'application/json', ids: [], shape: 'malformed' },
      { payload: '[1,2,3]', contentType: 'application/json', ids: [], shape: 'array' },
      { payload: 'null', contentType: 'application/json', ids: [], shape: 'null' },
      { payload: '"\\ud800"', contentType: 'application/json', ids: [], shape: 'lone-surrogate' },
      { payload: '{"a":1,"a":2}', contentType: 'application/json', ids: [], shape: 'duplicate-key' },
      { payload: 'text=hello&visibility=shared', contentType: 'application/x-www-form-urlencoded', ids: [], shape: 'form' },
      { payload: 'hello', contentType: 'text/plain', ids: [], shape: 'text-plain' },
      { payload: '{"text":"x"}', contentType: 'application/xml', ids: [], shape: 'xml-type' },
      { payload: '{"text":"x"}', contentType: 'application/json; charset=latin1', ids: [], shape: 'charset' },
      { payload: '{"text":"x"}', ids: [], shape: 'no-content-type' },
      {
        payload: '--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nx\r\n--b--',
        contentType: 'multipart/form-data; boundary=b',
        ids: [],
        shape: 'multipart',
      },
    ),
    fc
      .integer({ min: 100, max: 20_000 })
      .map((n): BodyChoice => ({ payload: '['.repeat(n) + ']'.repeat(n), contentType: 'application/json', ids: [], shape: 'deep-raw' })),
    fc.constant<BodyChoice>({
      payload: JSON.stringify({ text: 'x'.repeat(70_000) }),
      contentType: 'application/json',
      ids: [],
      shape: 'over-limit',
    }),
    hostileValue.map((v): BodyChoice => ({
      payload: safeStringify(v),
      body: v,
      contentType: 'application/json',
      ids: [],
      shape: 'hostile-top',
    })),
  );
  if (!op.body)
    return fc.oneof({ weight: 6, arbitrary: fc.constant<BodyChoice>({ ids: [], shape: 'none' }) }, { weight: 1, arbitrary: raw });
  return fc.oneof(
    { weight: 5, arbitrary: validValue(op.body, ctx).map(json('valid')) },
    { weight: 4, arbitrary: mutated(op.body, ctx).map(json('mutated')) },
    { weight: 2, arbitrary: raw },
  );
}

function safeStringify(value: unknown): string {
  // Deep values are built as objects; JSON.stringify handles a few thousand levels.
  return JSON.stringify(value) ?? 'null';
}

/** One request for one operation, as the caller with this context; `null` header values are left out. */
export function requestArbitrary(op: Operation, ctx: FuzzContext): fc.Arbitrary<Omit<FuzzRequest, 'headers'> & { contentType?: string }> {
  const segments = op.pathParams.map((name) => segmentFor(name, ctx).map((s) => ({ name, ...s })));
  return fc.tuple(fc.tuple(...segments), queryFor(op, ctx), bodyFor(op, ctx)).map(([segs, query, body]) => {
    let url = op.path;
    for (const s of segs) url = url.replace(`{${s.name}}`, s.raw);
    const pathIds = segs.flatMap((s) => (s.item ? [s.item] : []));
    return {
      op,
      method: op.method,
      url: `${url}${query.query}`,
      ...(body.payload !== undefined ? { payload: body.payload } : {}),
      ...(body.body !== undefined ? { body: body.body } : {}),
      ...(body.contentType ? { contentType: body.contentType } : {}),
      ids: [...pathIds, ...body.ids],
      shape: [...segs.map((s) => s.kind), query.shape, body.shape].filter(Boolean).join(','),
    };
  });
}

/** Draws one value with a seed: every request of a run is reproducible from the run's seed and its index. */
export function draw<T>(arbitrary: fc.Arbitrary<T>, seed: number): T {
  return fc.sample(arbitrary, { seed, numRuns: 1 })[0]!;
}
