export interface KerasProblem {
  severity: 'high' | 'medium'
  field: string
  reason: string
}

/** Module roots whose objects Keras itself provides; anything else is imported on load. */
const KERAS_MODULES = /^(keras|tf_keras|tensorflow\.keras|tensorflow\.python\.keras|keras_core|keras_nlp|keras_hub|keras_cv)(\.|$)/

/**
 * Walks a Keras config.json. modelscan reports Lambda layers as MEDIUM: their serialized Python
 * bytecode runs when the model is loaded with safe_mode=False. A `module` outside Keras is worse:
 * deserialization imports it (CVE-2025-1550 let config.json import arbitrary modules even in safe
 * mode), so it is high.
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
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }))
      continue
    }
    if (typeof value !== 'object' || value === null) continue
    const record = value as Record<string, unknown>
    if (record.class_name === 'Lambda') {
      problems.push({ severity: 'medium', field: path, reason: 'Lambda layer: serialized Python code runs when the model is loaded with safe_mode=False' })
    }
    if (typeof record.module === 'string' && !KERAS_MODULES.test(record.module)) {
      problems.push({ severity: 'high', field: `${path}.module`, reason: `references module ${record.module}, outside Keras: loading imports it` })
    }
    if (typeof record.function === 'string' && record.function.includes('.')) {
      problems.push({ severity: 'high', field: `${path}.function`, reason: `references function ${record.function} by import path` })
    }
    for (const [key, child] of Object.entries(record)) stack.push({ value: child, path: `${path}.${key}`, depth: depth + 1 })
  }
  return problems
}
