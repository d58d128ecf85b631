import type { Value } from './values.js'

/**
 * The unpickler's memo. Writers number entries densely from 0 (MEMOIZE always takes the next
 * index), so a plain array holds them at one pointer each; indexes a hostile stream scatters
 * (LONG_BINPUT 4000000000) go to a map instead.
 */
export class Memo {
  private readonly dense: Value[] = []
  private readonly sparse = new Map<number, Value>()

  get size(): number {
    return this.dense.length + this.sparse.size
  }

  has(index: number): boolean {
    return index < this.dense.length || this.sparse.has(index)
  }

  get(index: number): Value | undefined {
    return index < this.dense.length ? this.dense[index] : this.sparse.get(index)
  }

  set(index: number, value: Value): void {
    if (index < this.dense.length) this.dense[index] = value
    else if (index === this.dense.length && !this.sparse.has(index)) this.dense.push(value)
    else this.sparse.set(index, value)
  }
}
