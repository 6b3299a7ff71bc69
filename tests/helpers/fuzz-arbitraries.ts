// JSON schema → fast-check arbitraries for the route fuzz suite (tests/integration/api/fuzz-routes).
// `validOf` builds values of the schema's shape (enum, pattern, format, bounds, required fields);
// `hostileOf` mixes those with what a careless or malicious client sends: NUL, very long text,
// SQL quotes, unicode, path traversal, out-of-range numbers, wrong types, missing required fields
// and extra fields. Only the subset of JSON schema the app's document uses is understood.
import fc from 'fast-check';

export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  default?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses: Record<string, unknown>;
}

export interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  body?: string;
}

type Schemas = Record<string, Schema>;

const HOSTILE_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  "'",
  "' OR '1'='1",
  "'; DROP TABLE cameras; --",
  '"\\',
  '%',
  '_',
  '../../../../etc/passwd',
  '..',
  '%2e%2e%2f',
  '雪亮 摄像头 汉中市',
  '\u202eevil',
  '\ud800',
  '😀'.repeat(40),
  'x'.repeat(10_000),
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  'null',
  'true',
  '[]',
  '{}',
  '2026-02-30',
  '9999-99-99',
  '<script>alert(1)</script>',
  '${7*7}',
];

const HOSTILE_NUMBERS = [-1, 0, -0, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, 1e-300];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.integer(),
  fc.constantFrom(null, true, false, [], {}, [null], { $ne: 1 }),
);

function resolve(schema: Schema, schemas: Schemas): Schema {
  let s = schema;
  for (let i = 0; s.$ref !== undefined && i < 10; i += 1) s = schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
  return s;
}

function typesOf(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type !== undefined) return [s.type];
  if (s.properties !== undefined) return ['object'];
  if (s.items !== undefined) return ['array'];
  return [];
}

function validString(s: Schema): fc.Arbitrary<string> {
  if (s.pattern !== undefined) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 10_000));
    } catch {
      // A pattern this JS engine cannot read: fall through to plain strings (the route still
      // gets hostile text from hostileOf).
    }
  }
  switch (s.format) {
    case 'date':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    default:
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 60) });
  }
}

/** Values of the schema's shape. */
export function validOf(schema: Schema, schemas: Schemas, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, schemas);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum !== undefined && s.enum.length > 0) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives !== undefined && alternatives.length > 0) return fc.oneof(...alternatives.map((a) => validOf(a, schemas, depth + 1)));
  const first = s.allOf?.[0];
  if (first !== undefined) return validOf(first, schemas, depth + 1);
  const types = typesOf(s);
  const nullable = s.nullable === true || types.includes('null');
  const type = types.find((x) => x !== 'null');
  let arb: fc.Arbitrary<unknown>;
  switch (type) {
    case 'string':
      arb = validString(s);
      break;
    case 'integer': {
      const min = s.minimum ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : -1000);
      const max = s.maximum ?? (typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : Math.max(min, 0) + 1000);
      arb = fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(Math.max(min, max), Number.MAX_SAFE_INTEGER) });
      break;
    }
    case 'number': {
      const min = s.minimum ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : -1000);
      const max = s.maximum ?? (typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : Math.max(min, 0) + 1000);
      arb = fc.double({ min, max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
      break;
    }
    case 'boolean':
      arb = fc.boolean();
      break;
    case 'array':
      arb =
        depth > 3
          ? fc.constant([])
          : fc.array(validOf(s.items ?? {}, schemas, depth + 1), {
              minLength: s.minItems ?? 0,
              maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)),
            });
      break;
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      if (depth > 3) {
        arb = fc.constant({});
        break;
      }
      const required = new Set(s.required ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of props) model[k] = validOf(v, schemas, depth + 1);
      arb = fc.record(model, { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
      break;
    }
    default:
      arb = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
  }
  return nullable ? fc.oneof(arb, fc.constant(null)) : arb;
}

/** Valid-shaped values mixed with hostile ones, down into fields and items. */
export function hostileOf(schema: Schema, schemas: Schemas, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, schemas);
  const type = typesOf(s).find((x) => x !== 'null');
  const valid = validOf(s, schemas, depth);
  if (type === 'object' && depth <= 3) {
    const props = Object.entries(s.properties ?? {});
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, v] of props) model[k] = fc.oneof(validOf(v, schemas, depth + 1), hostileOf(v, schemas, depth + 1));
    // Every key optional: required fields go missing; extra fields ride along.
    const mangled = fc
      .tuple(
        fc.record(model, { requiredKeys: [] }),
        fc.dictionary(fc.constantFrom('extra', '__proto__', 'constructor', 'id', '\u0000'), hostileScalar, { maxKeys: 2 }),
      )
      .map(([o, extra]) => ({ ...extra, ...o }));
    return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: mangled }, { weight: 1, arbitrary: hostileScalar });
  }
  if (type === 'array' && depth <= 3)
    return fc.oneof(
      valid,
      fc.array(hostileOf(s.items ?? {}, schemas, depth + 1), { maxLength: 5 }),
      hostileScalar,
      fc.constant(new Array(2000).fill(0)),
    );
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: hostileScalar });
}

/** A parameter as the string a client would put in the URL. */
function asParam(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A path segment; a lone surrogate (which encodeURIComponent refuses) goes as its UTF-8 bytes (U+FFFD). */
function pathSegment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return [...Buffer.from(v, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** One whole request for an operation: path, query, headers and body. */
export function buildRequest(path: string, op: Operation, schemas: Schemas, known: Record<string, string[]>): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters ?? [];
  const pathArbs: Record<string, fc.Arbitrary<string>> = {};
  const queryArbs: Record<string, fc.Arbitrary<string>> = {};
  for (const p of params) {
    const schema = p.schema ?? { type: 'string' };
    const values = [validOf(schema, schemas).map(asParam), hostileOf(schema, schemas).map(asParam)];
    const existing = known[p.name];
    if (existing !== undefined && existing.length > 0) values.push(fc.constantFrom(...existing));
    if (p.in === 'path') pathArbs[p.name] = fc.oneof(...values);
    else if (p.in === 'query') queryArbs[p.name] = fc.oneof(...values);
  }
  const query = fc
    .tuple(
      fc.record(queryArbs, { requiredKeys: [] }),
      fc.option(fc.tuple(fc.constantFrom('unknown', 'limit[]', '__proto__'), hostileText), { nil: undefined }),
    )
    .map(([q, extra]) => {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (v !== undefined) search.append(k, v);
      if (extra !== undefined) search.append(extra[0], extra[1]);
      return search.toString();
    });
  const content = op.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  let body: fc.Arbitrary<{ headers: Record<string, string>; body?: string }> = fc.constant({ headers: {} });
  if (jsonSchema !== undefined)
    body = fc.oneof(
      {
        weight: 8,
        arbitrary: hostileOf(jsonSchema, schemas).map((v) => ({
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(v) ?? 'null',
        })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('{', '{"a":', 'not json', '\u0000', '')
          .map((b) => ({ headers: { 'Content-Type': 'application/json' }, body: b })),
      },
      { weight: 1, arbitrary: fc.constant({ headers: { 'Content-Type': 'text/plain' }, body: '{}' }) },
    );
  else if ('application/octet-stream' in content)
    body = fc
      .oneof(
        hostileText,
        fc.constantFrom('device_id,name\n', 'device_id,name\n\u0000,"\n', '{"type":"FeatureCollection","features":[null]}'),
      )
      .map((b) => ({
        headers: { 'Content-Type': 'application/octet-stream' },
        body: b,
      }));
  return fc
    .record({ path: fc.record(pathArbs, { requiredKeys: Object.keys(pathArbs) }), query, body })
    .map(({ path: values, query: q, body: b }) => {
      const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => pathSegment(values[name] ?? ''));
      return { url: q === '' ? filled : `${filled}?${q}`, headers: b.headers, body: b.body };
    });
}
