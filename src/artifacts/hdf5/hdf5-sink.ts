import type { ScanContext } from '../context.js'
import type { ByteSink } from '../sink.js'

/**
 * HDF5 holds arrays; h5py reads them without running code. What does run code is a Keras model
 * saved as HDF5: its `model_config` attribute is a Keras config (Lambda layers, custom objects)
 * that this scan does not parse out of HDF5's object headers. So a file carrying Keras' attribute
 * names is refused as not scanned; a plain array file is accepted. The names are looked for in
 * the raw bytes, across chunk boundaries: HDF5 stores attribute names uncompressed.
 */
const KERAS_MARKERS = ['model_config', 'keras_version', 'training_config', 'layer_names'].map((m) => Buffer.from(m, 'latin1'))
const OVERLAP = Math.max(...KERAS_MARKERS.map((m) => m.length)) - 1

export class Hdf5Sink implements ByteSink {
  private tail = Buffer.alloc(0)
  private found: string | null = null

  constructor(
    private readonly ctx: ScanContext,
    private readonly file: string,
  ) {}

  get done(): boolean {
    return this.found !== null
  }

  write(chunk: Uint8Array): void {
    if (this.found) return
    const data = Buffer.concat([this.tail, chunk])
    for (const marker of KERAS_MARKERS) {
      if (data.indexOf(marker) >= 0) {
        this.found = marker.toString('latin1')
        this.ctx.report({ scanner: 'hdf5', severity: 'high', file: this.file, field: this.found, reason: 'Keras model saved as HDF5: its model config (Lambda layers, custom objects) is not scanned; save it as .keras or safetensors' })
        return
      }
    }
    this.tail = Buffer.from(data.subarray(Math.max(0, data.length - OVERLAP)))
  }

  end(): void {}
}
