// A catalog check with its runner swapped, for tests of the pipeline around a check
// (delivery, cancellation, failures) rather than of the check itself.
import { CATALOG } from '../../src/core/check-catalog.js'
import type { CheckDefinition, MeasuredCheck } from '../../src/gates/check.js'

export function withRunner(id: string, run: MeasuredCheck['run']): CheckDefinition {
  const def = CATALOG.get(id)
  if (def?.runner !== 'worker') throw new Error(`no measured check ${id}`)
  return { ...def, run }
}
