// Requests derived from openapi/openapi.json: for every operation, bodies, path parameters
// and query strings generated from its schemas (valid-ish), then mutated the way an attacker
// would (NUL bytes, lone surrogates, huge numbers, deep nesting, wrong types, extra or missing
// fields, hostile path segments, wrong content types, broken JSON).
import fc from 'fast-check'

type Schema = Record<string, any>

export interface Operation {
  method: string
  path: string
  params: Array<{ in: 'path' | 'query' | 'header'; name: string; schema: Schema; required?: boolean }>
  body: Schema | undefined
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>
}

export interface FuzzRequest {
  op: Operation
  method: string
  url: string
  headers: Record<string, string>
  payload: string | Buffer | undefined
  /** Which mutation made it, for the report. */
  mutation: string
  /** Which principal sends it: a role name, 'admin', 'none' or 'bogus'. */
  caller: string
}

export function operations(spec: any): Operation[] {
  const ops: Operation[] = []
  for (const [path, byMethod] of Object.entries<any>(spec.paths)) {
    for (const [method, op] of Object.entries<any>(byMethod)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
        responses: op.responses ?? {},
      })
    }
  }
  return ops
}

export function resolver(spec: any) {
  return (s: Schema): Schema => {
    let cur = s
    while (cur?.$ref) cur = spec.components.schemas[String(cur.$ref).split('/').pop()!]
    return cur
  }
}

/** A generator of values that mostly satisfy the schema. */
/** Field names whose values should often name real objects, so requests get past lookups into the deeper paths. */
export type Hints = Record<string, unknown[]>

export function valueOf(schema: Schema, resolve: (s: Schema) => Schema, depth = 0, hints: Hints = {}): fc.Arbitrary<unknown> {
  const s = resolve(schema)
  if (!s || Object.keys(s).length === 0) return fc.jsonValue({ maxDepth: 2 })
  if (s.enum) return fc.constantFrom(...s.enum)
  if (s.const !== undefined) return fc.constant(s.const)
  const alternatives = s.anyOf ?? s.oneOf
  if (alternatives) return fc.oneof(...alternatives.map((a: Schema) => valueOf(a, resolve, depth, hints)))
  if (s.allOf) return valueOf(s.allOf[0], resolve, depth, hints)
  const type = Array.isArray(s.type) ? s.type[0] : s.type
  switch (type) {
    case 'string': {
      if (s.format === 'uuid') return fc.uuid()
      if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString())
      const max = Math.min(s.maxLength ?? 24, 24)
      const min = Math.min(s.minLength ?? 0, max)
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' }).filter((x) => x.length >= (s.minLength ?? 0) && x.length <= (s.maxLength ?? Infinity))
      return fc.string({ minLength: min, maxLength: Math.max(min, max) })
    }
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 })
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true, noDefaultInfinity: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      if (depth > 4) return fc.constant([])
      const maxLength = Math.max(Math.min(s.maxItems ?? 3, 3), s.minItems ?? 0)
      return fc.array(valueOf(s.items ?? {}, resolve, depth + 1, hints), { minLength: s.minItems ?? 0, maxLength })
    }
    case 'object': {
      if (depth > 5) return fc.constant({})
      const props = s.properties ?? {}
      const keys = Object.keys(props)
      if (keys.length === 0) {
        const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : {}
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), valueOf(extra, resolve, depth + 1, hints), { maxKeys: 3 })
      }
      const record: Record<string, fc.Arbitrary<unknown>> = {}
      for (const k of keys) {
        const generated = valueOf(props[k], resolve, depth + 1, hints)
        record[k] = hints[k] ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...hints[k]!) }, { weight: 1, arbitrary: generated }) : generated
      }
      return fc.record(record, { requiredKeys: (s.required ?? []).filter((k: string) => k in props) })
    }
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

// Placeholders replaced in the serialised body by text JSON.stringify cannot produce.
const DEEP = '__fuzz_deep__'
const BIG = '__fuzz_big__'

const hostileStrings = ['a\u0000b', '\u0000', '\ud800', 'x\udfffy', '\udbff', '%00', '${7*7}', "'; DROP TABLE models; --", 'x'.repeat(5000), '\u202e\u0301', '../../etc/passwd']
const hostileNumbers = [1e308, -1e308, 2 ** 63, -(2 ** 63) - 1, 2 ** 31, -1, 0, 1.5, Number.MAX_SAFE_INTEGER + 2]
const wrongTypes = [{}, [], true, 'string', 123, null, [[['x']]], { a: { b: 1 } }]

type Node = { parent: any; key: string | number }

function nodes(value: unknown): Node[] {
  const out: Node[] = []
  const walk = (v: any) => {
    if (Array.isArray(v)) v.forEach((x, i) => { out.push({ parent: v, key: i }); walk(x) })
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) { out.push({ parent: v, key: k }); walk(v[k]) }
  }
  walk(value)
  return out
}

function objects(value: unknown): any[] {
  const out: any[] = []
  const walk = (v: any) => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') { out.push(v); Object.values(v).forEach(walk) }
  }
  walk(value)
  return out
}

export const BODY_MUTATIONS = ['none', 'none', 'none', 'nul', 'surrogate', 'huge-number', 'big-digits', 'deep-70', 'deep-10000', 'wrong-type', 'extra-field', 'drop-field', 'raw-text', 'content-type'] as const

/** Mutates a generated body (in place on a copy) and serialises it; `pick` chooses the node. */
export function mutateBody(body: unknown, kind: (typeof BODY_MUTATIONS)[number], pick: number): { payload: string | undefined; contentType: string | undefined } {
  let value: any = structuredClone(body)
  const all = nodes(value)
  const node = all.length ? all[pick % all.length] : undefined
  const set = (v: unknown) => {
    if (node) node.parent[node.key] = v
    else value = v
  }
  let contentType: string | undefined = 'application/json'
  switch (kind) {
    case 'nul': set(hostileStrings[pick % 3]); break
    case 'surrogate': set(hostileStrings[2 + (pick % 3)]); break
    case 'huge-number': set(hostileNumbers[pick % hostileNumbers.length]); break
    case 'big-digits': set(BIG); break
    case 'deep-70':
    case 'deep-10000': set(`${DEEP}:${kind === 'deep-70' ? 70 : 10_000}`); break
    case 'wrong-type': set(wrongTypes[pick % wrongTypes.length]); break
    case 'extra-field': {
      const objs = objects(value)
      const target = objs.length ? objs[pick % objs.length] : undefined
      if (target) target[['zzUnknown', '__proto__x', 'constructor', 'a\u0000'][pick % 4]!] = { injected: true }
      else value = { zzUnknown: value }
      break
    }
    case 'drop-field': {
      const objs = objects(value).filter((o) => Object.keys(o).length > 0)
      const target = objs.length ? objs[pick % objs.length] : undefined
      if (target) delete target[Object.keys(target)[pick % Object.keys(target).length]!]
      break
    }
    case 'raw-text': {
      const raw = ['{', '{"a":', '', 'null', '[]', '"text"', '{"__proto__":{"x":1}}', '\u0000', '{"a":1}garbage', '\ufeff{}', '{"a":"\\ud800"}', '{"a":"\\u0000"}'][pick % 12]!
      return { payload: raw, contentType: 'application/json' }
    }
    case 'content-type':
      contentType = ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', undefined, 'application/json; charset=latin1', 'multipart/form-data; boundary=x'][pick % 6]
      break
  }
  let text = value === undefined ? '' : JSON.stringify(value)
  text = text.replace(new RegExp(`"${DEEP}:(\\d+)"`, 'g'), (_m, n) => '['.repeat(Number(n)) + ']'.repeat(Number(n)))
  text = text.replace(new RegExp(`"${BIG}"`, 'g'), `1${'0'.repeat(400)}`)
  return { payload: text, contentType }
}

const hostilePathSegments = ['%00', 'a%00b', '%ED%A0%80', '..%2F..%2Fetc', 'x'.repeat(300), '00000000-0000-0000-0000-000000000000', '%F0%9F%98%80', "'%3B--", '%C0%AF', '-1', '99999999999999999999', '%25', 'a%2Fb']
const hostileQueryValues = ['%00', 'a%00', '99999999999999999999999', '-1', '0', '1e309', '0000-01-01T00:00:00Z', '%2B275760-09-13T00%3A00%3A00Z', '2016-12-31T23%3A59%3A60Z', '%ED%A0%80', 'x'.repeat(600), 'null', '[]', 'MjAyNi0wMS0wMVQwMDowMDowMC4wMDBafDAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMA']

export function requestArbitrary(ops: Operation[], resolve: (s: Schema) => Schema, known: Record<string, string[]>, callers: string[], hints: Hints = {}): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...ops).chain((op) => {
    const pathParams = op.params.filter((p) => p.in === 'path')
    const queryParams = op.params.filter((p) => p.in === 'query')
    const pathArb = fc.tuple(...pathParams.map((p) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...(known[p.name] ?? ['x'])) },
        // An empty segment would address another route (/v1/promotions/ is the list).
        { weight: 2, arbitrary: valueOf(p.schema, resolve).map((v) => encodeURIComponent(String(v))).filter((v) => v.length > 0) },
        { weight: 2, arbitrary: fc.constantFrom(...hostilePathSegments) },
      ),
    ))
    const queryArb = fc.tuple(...queryParams.map((p) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: valueOf(p.schema, resolve).map((v) => encodeURIComponent(String(v))) },
        { weight: 2, arbitrary: fc.constantFrom(...hostileQueryValues) },
      ),
    ))
    const extraQuery = fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('&zz=1', '&a%00=1', '&limit=1&limit=2', '&cursor=%00') })
    const bodyArb = op.body ? valueOf(op.body, resolve, 0, hints) : fc.constant(undefined)
    return fc.record({
      path: pathArb,
      query: queryArb,
      extraQuery,
      body: bodyArb,
      mutation: fc.constantFrom(...BODY_MUTATIONS),
      pick: fc.nat(),
      caller: fc.constantFrom(...callers),
      idempotency: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(undefined, 'key-1', 'key-2') }, { weight: 1, arbitrary: fc.constantFrom('x'.repeat(300), 'é', ' ') }),
      rawBytes: fc.uint8Array({ maxLength: 64 }),
    }).map((r): FuzzRequest => {
      let i = 0
      const url = op.path.replace(/\{[^}]+\}/g, () => r.path[i++] as string)
      const qs = queryParams.map((p, j) => (r.query[j] === undefined ? '' : `${p.name}=${r.query[j]}`)).filter(Boolean).join('&') + r.extraQuery
      const headers: Record<string, string> = {}
      let payload: string | Buffer | undefined
      let mutation: string = r.mutation
      if (op.body) {
        const m = mutateBody(r.body, r.mutation, r.pick)
        payload = m.payload
        if (m.contentType) headers['content-type'] = m.contentType
      } else if (op.method === 'PUT') {
        // The artifact upload reads raw bytes.
        payload = Buffer.from(r.rawBytes)
        headers['content-type'] = 'application/octet-stream'
        mutation = 'raw-bytes'
      } else if (op.method === 'POST' && r.mutation !== 'none') {
        payload = mutateBody({}, r.mutation, r.pick).payload
        headers['content-type'] = 'application/json'
      }
      if (r.idempotency && op.method === 'POST') headers['idempotency-key'] = r.idempotency
      return { op, method: op.method, url: `${url}${qs ? `?${qs.replace(/^&/, '')}` : ''}`, headers, payload, mutation, caller: r.caller }
    })
  })
}
