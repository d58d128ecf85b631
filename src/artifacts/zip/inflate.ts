import { Gunzip, Inflate, Unzlib } from 'fflate'
import type { ByteSink } from '../sink.js'

/** Compressed bytes handed to the inflater at once: deflate tops out near 1032:1, so one push
 * can never produce more than about 16 MiB, and limits are checked between pushes. */
const SLICE = 16 * 1024

export interface InflateObserver {
  /** Called with each piece of output; return false to stop inflating. */
  output(piece: Uint8Array): boolean
}

/**
 * A streaming DEFLATE decoder (raw, zlib or gzip wrapped) in front of an observer. Errors (corrupt or truncated data)
 * surface through `error` instead of throwing, so the zip scanner can report and carry on.
 */
export type Wrapping = 'raw' | 'zlib' | 'gzip'

export class InflateStream implements ByteSink {
  private readonly inflater: Inflate | Unzlib | Gunzip
  private stopped = false
  error: string | null = null

  constructor(
    private readonly observer: InflateObserver,
    wrapping: Wrapping = 'raw',
  ) {
    const handler = (piece: Uint8Array): void => {
      if (this.stopped || piece.length === 0) return
      if (!this.observer.output(piece)) this.stopped = true
    }
    this.inflater = wrapping === 'zlib' ? new Unzlib(handler) : wrapping === 'gzip' ? new Gunzip(handler) : new Inflate(handler)
  }

  get done(): boolean {
    return this.stopped || this.error !== null
  }

  /**
   * Input is regrouped into fixed blocks before it reaches the inflater, so what gets inflated
   * when (and so which findings a truncated or hostile stream yields) never depends on how the
   * caller happened to chunk it. A full block is held until more input arrives, so the final
   * push always carries data: fflate only notices truncation on a final push that leaves the
   * stream unfinished.
   */
  private readonly block = new Uint8Array(SLICE)
  private filled = 0
  /** Compressed bytes handed to the inflater so far. */
  pushed = 0

  private push(piece: Uint8Array, final: boolean): void {
    if (this.done) return
    this.pushed += piece.length
    try {
      this.inflater.push(piece, final)
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error)
    }
  }

  write(chunk: Uint8Array): void {
    let at = 0
    while (at < chunk.length && !this.done) {
      if (this.filled === SLICE) {
        this.push(this.block.slice(), false)
        this.filled = 0
      }
      const n = Math.min(SLICE - this.filled, chunk.length - at)
      this.block.set(chunk.subarray(at, at + n), this.filled)
      this.filled += n
      at += n
    }
  }

  /** Inflates everything received so far without ending the stream (its input was cut short). */
  flush(): void {
    if (this.filled === 0) return
    this.push(this.block.slice(0, this.filled), false)
    this.filled = 0
  }

  end(): void {
    if (this.done) return
    if (this.pushed === 0 && this.filled === 0) {
      this.error = 'empty deflate stream'
      return
    }
    this.push(this.block.slice(0, this.filled), true)
    this.filled = 0
  }
}
