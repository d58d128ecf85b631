// Dependencies point down only: http → services → core → gates → domain, workers → core, and
// no import cycle anywhere. Type-only imports count: a type from a higher layer couples the
// layers as much as a value does.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import madge from 'madge'
import { beforeAll, describe, expect, it } from 'vitest'

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src')

// Each module group and its layer; a group may import itself and any group of a lower layer.
const LAYERS: Record<string, number> = {
  generated: 0,
  'logger.ts': 0,
  'config.ts': 0,
  domain: 1,
  security: 2,
  identity: 2,
  store: 2,
  provenance: 2,
  artifacts: 2,
  audit: 4,
  notify: 3,
  evaluation: 3,
  gates: 4,
  core: 5,
  services: 6,
  queue: 6,
  http: 7,
  plugins: 7,
  'app.ts': 8,
  'worker-runtime.ts': 8,
  'server.ts': 9,
  'worker.ts': 9,
  'main.ts': 9,
  'migrate.ts': 9,
  'healthcheck.ts': 9,
  'exit-unless-migrated.ts': 8,
  cli: 9,
}

const groupOf = (file: string) => file.split('/')[0]!

let graph: Record<string, string[]>

beforeAll(async () => {
  const result = await madge(SRC, {
    fileExtensions: ['ts'],
    tsConfig: path.join(SRC, '..', 'tsconfig.json'),
    excludeRegExp: [/^generated\//],
    detectiveOptions: { ts: { skipTypeImports: false }, es6: { skipTypeImports: false } },
  })
  graph = result.obj()
}, 120_000)

describe('module layering', () => {
  it('has no import cycle', async () => {
    const cycles: string[][] = []
    // Tarjan-free check: a depth-first walk that reports each back edge's cycle.
    const state = new Map<string, 'active' | 'done'>()
    const stack: string[] = []
    const visit = (f: string) => {
      state.set(f, 'active')
      stack.push(f)
      for (const d of graph[f] ?? []) {
        if (state.get(d) === 'active') cycles.push([...stack.slice(stack.indexOf(d)), d])
        else if (!state.has(d)) visit(d)
      }
      stack.pop()
      state.set(f, 'done')
    }
    for (const f of Object.keys(graph)) if (!state.has(f)) visit(f)
    expect(cycles.map((c) => c.join(' → '))).toEqual([])
  })

  it('imports only from its own group or a lower layer', () => {
    const unknown = Object.keys(graph).map(groupOf).filter((g) => LAYERS[g] === undefined)
    expect([...new Set(unknown)], 'every module group has a layer').toEqual([])
    const upward: string[] = []
    for (const [file, deps] of Object.entries(graph)) {
      const from = groupOf(file)
      for (const dep of deps) {
        const to = groupOf(dep)
        if (to === from) continue
        if (LAYERS[to]! >= LAYERS[from]!) upward.push(`${file} → ${dep}`)
      }
    }
    expect(upward).toEqual([])
  })
})
