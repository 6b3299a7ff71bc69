// Checks a response against the OpenAPI document, strictly: the operation (path template and
// method) must document the status, the media type must be one it lists, and a JSON body must
// match the schema with every object closed (a missing required field and an undocumented extra
// field both fail). The document's objects are open by default in JSON Schema; closing them
// here, in the tests, keeps the published document plain while the tests hold the server to it.
// Ajv 2020 because OpenAPI 3.1 schemas are JSON Schema 2020-12 (eslint's ajv 6 speaks draft-07).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Node = { [k: string]: Json };

export interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Json }> }> }>>;
  components?: { schemas?: Record<string, Json> };
}

export interface ResponseFacts {
  method: string;
  /** The request's path (query string ignored). */
  path: string;
  status: number;
  /** The Content-Type header, or null. */
  contentType: string | null;
  /** The body as text (only read for JSON media types), or undefined when not read. */
  bodyText?: string;
}

export type CheckResult = { kind: 'ok' } | { kind: 'undocumented-path' } | { kind: 'mismatch'; problems: string[] };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
const isNode = (v: Json | undefined): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** application/json and the +json family (application/geo+json): bodies the check parses. */
export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(?:[\w.-]+\+)?json$/i.test(mediaType);
}

const mediaTypeOf = (contentType: string): string => contentType.split(';')[0]!.trim().toLowerCase();

/**
 * The schema with every `$ref` inlined and each `allOf` of objects merged into one object, then
 * every object that lists properties closed (`additionalProperties: false`) unless it says what
 * extra keys may hold (a record). Merging first matters: closing each half of an `allOf` would
 * reject the other half's properties.
 */
export function closeSchema(schema: Json, doc: OpenApiDoc): Json {
  return close(inline(schema, doc, []));
}

function resolveRef(ref: string, doc: OpenApiDoc): Json {
  const prefix = '#/components/schemas/';
  if (!ref.startsWith(prefix)) throw new Error(`Unsupported $ref ${ref} (only ${prefix}… is used)`);
  const target = doc.components?.schemas?.[decodeURIComponent(ref.slice(prefix.length))];
  if (target === undefined) throw new Error(`$ref ${ref} names no component`);
  return target;
}

// Keywords whose values are schemas, maps of schemas or lists of schemas; every other keyword
// (enum, default, example, a property *named* "default"…) is data and is copied as written.
const ONE_SCHEMA = new Set([
  'additionalProperties',
  'items',
  'not',
  'propertyNames',
  'contains',
  'if',
  'then',
  'else',
  'unevaluatedProperties',
]);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

function mapSubschemas(node: Node, f: (n: Json) => Json): Node {
  const out: Node = {};
  for (const [k, v] of Object.entries(node)) {
    if (ONE_SCHEMA.has(k) && typeof v === 'object' && v !== null) out[k] = f(v);
    else if (SCHEMA_MAPS.has(k) && isNode(v)) out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, f(sub)]));
    else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) out[k] = v.map(f);
    else out[k] = v;
  }
  return out;
}

function inline(node: Json, doc: OpenApiDoc, stack: string[]): Json {
  if (Array.isArray(node)) return node.map((n) => inline(n, doc, stack));
  if (!isNode(node)) return node;
  if (typeof node.$ref === 'string') {
    if (stack.includes(node.$ref)) throw new Error(`Recursive schema ${node.$ref}: the contract check does not inline it`);
    const { $ref, ...siblings } = node;
    const target = inline(resolveRef($ref, doc), doc, [...stack, $ref]);
    return Object.keys(siblings).length === 0 ? target : mergeAllOf([target, inline(siblings, doc, stack)]);
  }
  const out = mapSubschemas(node, (n) => inline(n, doc, stack));
  if (Array.isArray(out.allOf)) {
    const { allOf, ...rest } = out;
    return mergeAllOf([...(allOf as Json[]), ...(Object.keys(rest).length === 0 ? [] : [rest])]);
  }
  return out;
}

/** Merges object schemas (properties, required); anything else stays an allOf. */
function mergeAllOf(parts: Json[]): Json {
  const objects = parts.filter(isNode);
  const mergeable =
    objects.length === parts.length && objects.every((p) => p.allOf === undefined && p.anyOf === undefined && p.oneOf === undefined);
  if (!mergeable) return { allOf: parts };
  const merged: Node = {};
  const properties: Node = {};
  const required = new Set<string>();
  for (const p of objects) {
    for (const [k, v] of Object.entries(p)) {
      if (k === 'properties' && isNode(v)) Object.assign(properties, v);
      else if (k === 'required' && Array.isArray(v)) for (const r of v) required.add(String(r));
      else merged[k] = v;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

function close(node: Json): Json {
  if (Array.isArray(node)) return node.map(close);
  if (!isNode(node)) return node;
  const out = mapSubschemas(node, close);
  const objectish = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object')) || isNode(out.properties);
  if (objectish && isNode(out.properties) && out.additionalProperties === undefined && out.patternProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

/** Path templates of the document as matchers; literal segments win over parameters (/plans/compare before /plans/{id}). */
function pathMatchers(doc: OpenApiDoc): Array<{ template: string; re: RegExp; params: number }> {
  return Object.keys(doc.paths)
    .map((template) => {
      const params = (template.match(/\{[^}]+\}/g) ?? []).length;
      const source = template
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return { template, re: new RegExp(`^${source}$`), params };
    })
    .sort((a, b) => a.params - b.params);
}

export class OpenApiContract {
  private readonly ajv: Ajv2020;
  private readonly matchers: ReturnType<typeof pathMatchers>;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDoc) {
    // strict: false because OpenAPI adds keywords JSON Schema does not know (example, x-…).
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.matchers = pathMatchers(doc);
  }

  /** The path template that documents `path`, or undefined. */
  templateFor(path: string): string | undefined {
    const decoded = path.split('?')[0]!;
    return this.matchers.find((m) => m.re.test(decoded))?.template;
  }

  check(r: ResponseFacts): CheckResult {
    const template = this.templateFor(r.path);
    const method = r.method.toLowerCase();
    if (template === undefined || !METHODS.has(method)) return { kind: 'undocumented-path' };
    const where = `${r.method.toUpperCase()} ${template} → ${r.status}`;
    const op = this.doc.paths[template]![method];
    if (op === undefined) return { kind: 'mismatch', problems: [`${r.method.toUpperCase()} ${template} is not documented`] };
    const response = op.responses?.[String(r.status)] ?? op.responses?.default;
    if (response === undefined) {
      const documented = Object.keys(op.responses ?? {}).join(', ');
      return { kind: 'mismatch', problems: [`${where}: status ${r.status} is not documented (documented: ${documented})`] };
    }
    const content = response.content ?? {};
    const hasBody = r.contentType !== null && r.status !== 204 && r.status !== 304;
    if (!hasBody) return { kind: 'ok' };
    const mediaType = mediaTypeOf(r.contentType!);
    const documentedTypes = Object.keys(content).map(mediaTypeOf);
    if (documentedTypes.length === 0) return { kind: 'mismatch', problems: [`${where}: a ${mediaType} body where none is documented`] };
    const key = Object.keys(content).find((k) => mediaTypeOf(k) === mediaType);
    if (key === undefined) {
      return {
        kind: 'mismatch',
        problems: [`${where}: media type ${mediaType} is not documented (documented: ${documentedTypes.join(', ')})`],
      };
    }
    if (!isJsonMediaType(mediaType)) return { kind: 'ok' };
    const schema = content[key]!.schema;
    if (schema === undefined) return { kind: 'mismatch', problems: [`${where}: ${mediaType} has no schema`] };
    let body: unknown;
    try {
      body = JSON.parse(r.bodyText ?? '');
    } catch {
      return { kind: 'mismatch', problems: [`${where}: the ${mediaType} body is not JSON`] };
    }
    const validate = this.validator(`${method} ${template} ${r.status} ${key}`, schema);
    if (validate(body)) return { kind: 'ok' };
    return {
      kind: 'mismatch',
      problems: (validate.errors ?? []).map((e) => {
        const at = e.instancePath === '' ? '(body)' : e.instancePath;
        const extra =
          e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
        return `${where}: ${at} ${e.message ?? e.keyword}${extra}`;
      }),
    };
  }

  private validator(key: string, schema: Json): ValidateFunction {
    let v = this.validators.get(key);
    if (v === undefined) {
      v = this.ajv.compile(closeSchema(schema, this.doc) as object);
      this.validators.set(key, v);
    }
    return v;
  }
}

/** Reads what the check needs from a Response without consuming it (a clone's body is read). */
export async function responseFacts(method: string, path: string, res: Response): Promise<ResponseFacts> {
  const contentType = res.headers.get('content-type');
  const facts: ResponseFacts = { method, path, status: res.status, contentType };
  // Only JSON is read: an event stream never ends, and binary bodies are not checked.
  if (contentType !== null && isJsonMediaType(mediaTypeOf(contentType))) facts.bodyText = await res.clone().text();
  return facts;
}

export class ContractViolation extends Error {
  constructor(problems: string[]) {
    super(`The response breaks the OpenAPI contract (docs/openapi.json):\n  ${problems.slice(0, 20).join('\n  ')}`);
    this.name = 'ContractViolation';
  }
}
