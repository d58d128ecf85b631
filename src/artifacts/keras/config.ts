export interface KerasProblem {
  severity: 'high' | 'medium'
  field: string
  reason: string
}

/** Packages whose objects Keras itself provides. */
const KERAS_ROOT = /^(keras|tf_keras|tensorflow\.keras|tensorflow\.python\.keras)(\.|$)/
/** Parts of Keras that fetch, load, save or call rather than build layers. */
const KERAS_NON_LAYER = /(^|\.)(utils|saving|backend|export|callbacks|datasets|applications|legacy|distribution|models\.model|src\.utils|src\.saving|src\.export|src\.backend)(\.|$)/
/** Layers that load other models or code from a path (CVE-2026-1462: TFSMLayer) or hold Python code. */
const CODE_LAYERS = new Set(['Lambda', 'TFSMLayer', 'TFOpLambda', 'SlicingOpLambda'])
const URL = /^[a-z][a-z0-9+.-]*:\/\//i

/**
 * Walks a Keras config (config.json of a .keras archive, or a model config JSON). Keras
 * deserializes it by importing `module` and looking up `class_name`, and calls what it finds:
 * CVE-2024-3660 (Lambda layers carry marshalled bytecode), CVE-2025-1550 (config.json importing
 * arbitrary modules even with safe_mode on, JFrog's bypass of safe_mode through Keras' own
 * utilities and get_file of a URL). So everything that is not a Keras layer built from plain data
 * is high: a Lambda or other code-carrying layer, any config naming a function, a module outside
 * Keras or outside its layer set, a registered custom object, safe_mode turned off, a URL.
 */
export function checkKerasConfig(config: unknown): KerasProblem[] {
  const problems: KerasProblem[] = []
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: config, path: '$', depth: 0 }]
  let visited = 0
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number }
    if (++visited > 1_000_000 || depth > 256) {
      problems.push({ severity: 'high', field: path, reason: 'config too large or deep to check fully' })
      break
    }
    if (typeof value === 'string') {
      if (URL.test(value)) problems.push({ severity: 'high', field: path, reason: `names a URL (${value.slice(0, 80)}): loading may fetch it (get_file)` })
      else if (value.includes('get_file')) problems.push({ severity: 'high', field: path, reason: 'names get_file: loading downloads a file' })
      continue
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }))
      continue
    }
    if (typeof value !== 'object' || value === null) continue
    const record = value as Record<string, unknown>
    const className = typeof record.class_name === 'string' ? record.class_name : null
    if (className !== null && CODE_LAYERS.has(className)) {
      problems.push({ severity: 'high', field: path, reason: `${className} layer: it runs Python code or loads another model when the model is loaded` })
    }
    if (className === '__lambda__' || record.function_type === 'lambda') {
      problems.push({ severity: 'high', field: path, reason: 'marshalled Python bytecode (a lambda)' })
    }
    if (typeof record.module === 'string') {
      if (!KERAS_ROOT.test(record.module)) {
        problems.push({ severity: 'high', field: `${path}.module`, reason: `references module ${record.module}, outside Keras: loading imports it` })
      } else if (KERAS_NON_LAYER.test(record.module)) {
        problems.push({ severity: 'high', field: `${path}.module`, reason: `references ${record.module}${className ? `.${className}` : ''}, a Keras utility rather than a layer: loading calls it` })
      }
    }
    if (typeof record.registered_name === 'string' && record.registered_name.includes('>')) {
      problems.push({ severity: 'high', field: `${path}.registered_name`, reason: `custom object ${record.registered_name}: loading imports user code` })
    }
    for (const key of ['function', 'fn', 'func']) {
      if (key in record) problems.push({ severity: 'high', field: `${path}.${key}`, reason: 'config names a function, which loading resolves and calls' })
    }
    if (record.safe_mode === false || record.enable_unsafe_deserialization === true) {
      problems.push({ severity: 'high', field: path, reason: 'turns safe_mode off' })
    }
    for (const [key, child] of Object.entries(record)) stack.push({ value: child, path: `${path}.${key}`, depth: depth + 1 })
  }
  return problems
}
