import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ALLOWED_GLOBALS, scanPickleBytes } from '../../src/artifacts/index.js'

/**
 * Pickles built opcode by opcode from a random tree of plain data and imports, in every protocol:
 * built only from allow-listed globals they are accepted; with one global off the list anywhere
 * in the tree they are refused, whatever surrounds it.
 */
type Node =
  | { k: 'int'; v: number }
  | { k: 'str'; v: string }
  | { k: 'list' | 'tuple'; items: Node[] }
  | { k: 'dict'; entries: [Node, Node][] }
  | { k: 'global'; module: string; name: string }
  /** A call of a builtin that builds plain data from plain data. */
  | { k: 'call'; name: string; args: Node[] }

const enc = new TextEncoder()

function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]
}

function emit(node: Node, protocol: number, out: number[]): void {
  const text = (s: string): number[] => [...enc.encode(s)]
  const string = (s: string): void => {
    if (protocol === 0) out.push(0x56, ...text(s), 0x0a)
    else out.push(0x58, ...u32(enc.encode(s).length), ...text(s))
  }
  switch (node.k) {
    case 'int':
      if (protocol === 0) out.push(0x49, ...text(String(node.v)), 0x0a)
      else out.push(0x4a, ...u32(node.v))
      return
    case 'str':
      string(node.v)
      return
    case 'list':
      out.push(0x28)
      for (const item of node.items) emit(item, protocol, out)
      out.push(0x6c)
      return
    case 'tuple':
      out.push(0x28)
      for (const item of node.items) emit(item, protocol, out)
      out.push(0x74)
      return
    case 'dict':
      out.push(0x28)
      for (const [key, value] of node.entries) {
        emit(key, protocol, out)
        emit(value, protocol, out)
      }
      out.push(0x64)
      return
    case 'global':
      if (protocol >= 4) {
        string(node.module)
        string(node.name)
        out.push(0x93)
      } else {
        out.push(0x63, ...text(node.module), 0x0a, ...text(node.name), 0x0a)
      }
      return
    case 'call':
      emit({ k: 'global', module: 'builtins', name: node.name }, protocol, out)
      emit({ k: 'tuple', items: node.args }, protocol, out)
      out.push(0x52)
      return
  }
}

function pickleBytes(root: Node, protocol: number): Uint8Array {
  const out: number[] = protocol >= 2 ? [0x80, protocol] : []
  emit(root, protocol, out)
  out.push(0x2e)
  return Uint8Array.from(out)
}

/** Allow-listed globals, split "module.name" as the list writes them (names carry no dots). */
const allowed = [...ALLOWED_GLOBALS.keys()].map((q) => {
  const dot = q.lastIndexOf('.')
  return { k: 'global' as const, module: q.slice(0, dot), name: q.slice(dot + 1) }
})

const leaf: fc.Arbitrary<Node> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map((v): Node => ({ k: 'int', v })),
  fc.stringMatching(/^[a-z0-9 ]{0,12}$/).map((v): Node => ({ k: 'str', v })),
  fc.constantFrom(...allowed),
)

const tree = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }).map((items): Node => ({ k: 'list', items })),
    fc.array(tie('node'), { maxLength: 4 }).map((items): Node => ({ k: 'tuple', items })),
    fc.array(fc.tuple(leaf.filter((n) => n.k !== 'global'), tie('node')), { maxLength: 3 }).map((entries): Node => ({ k: 'dict', entries })),
    fc.tuple(fc.constantFrom('list', 'tuple', 'set', 'frozenset'), fc.array(tie('node'), { maxLength: 3 })).map(([name, items]): Node => ({ k: 'call', name, args: [{ k: 'list', items }] })),
  ),
})).node

const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/)
const offList: fc.Arbitrary<Node> = fc.oneof(
  fc.tuple(fc.array(identifier, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/)).map(([parts, name]): Node => ({ k: 'global', module: parts.join('.'), name })),
  fc.constantFrom(
    ['os', 'system'], ['builtins', 'eval'], ['builtins', 'getattr'], ['collections', 'defaultdict'], ['numpy', 'load'], ['torch', 'load'],
    ['functools', 'partial'], ['operator', 'itemgetter'], ['torch._utils', 'os.system'], ['collections', 'OrderedDict.fromkeys'],
  ).map(([module, name]): Node => ({ k: 'global', module: module as string, name: name as string })),
).filter((n) => n.k === 'global' && !ALLOWED_GLOBALS.has(`${n.module}.${n.name}`))

/** Puts `inject` somewhere in `root`: wrapped with it in a tuple at a random depth. */
function plant(root: Node, inject: Node, path: number[]): Node {
  if (path.length === 0 || (root.k !== 'list' && root.k !== 'tuple')) return { k: 'tuple', items: [root, inject] }
  const [step, ...rest] = path as [number, ...number[]]
  if (root.items.length === 0) return { ...root, items: [inject] }
  const at = step % root.items.length
  const items = root.items.map((item, i) => (i === at ? plant(item, inject, rest) : item))
  return { ...root, items }
}

const protocols = fc.integer({ min: 0, max: 5 })

describe('allow-list properties', () => {
  it('a pickle built only from allow-listed globals and plain data is accepted, in every protocol', () => {
    fc.assert(
      fc.property(tree, protocols, (root, protocol) => {
        const result = scanPickleBytes(pickleBytes(root, protocol))
        expect(result.findings).toEqual([])
        for (const judgement of result.imports) expect(judgement.verdict).toBe('allowed')
      }),
      { numRuns: 300 },
    )
  })

  it('one global off the allow-list anywhere in such a pickle gets it refused, high or critical, naming that global', () => {
    fc.assert(
      fc.property(tree, offList, fc.array(fc.nat(), { maxLength: 4 }), protocols, (root, inject, path, protocol) => {
        const result = scanPickleBytes(pickleBytes(plant(root, inject, path), protocol))
        const global = inject.k === 'global' ? `${inject.module}.${inject.name}` : ''
        const named = result.findings.filter((f) => f.global === global && (f.severity === 'high' || f.severity === 'critical'))
        expect(named.length, JSON.stringify(result.findings)).toBeGreaterThan(0)
      }),
      { numRuns: 300 },
    )
  })
})
