// Where uploaded model files are kept: content-addressed by sha256 in a local directory, or
// nowhere (only the digest and the scan report are recorded). Bytes go to a temporary file
// first and are renamed into place once the whole upload hashed and scanned.
import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { once } from 'node:events'
import path from 'node:path'

export interface PendingFile {
  write(chunk: Uint8Array): Promise<void>
  commit(sha256Hex: string): Promise<void>
  abort(): Promise<void>
}

export function createArtifactStorage(dir: string | null) {
  return {
    kept: dir !== null,
    async begin(): Promise<PendingFile | null> {
      if (!dir) return null
      await mkdir(dir, { recursive: true })
      const tmp = path.join(dir, `.upload-${randomUUID()}`)
      const out = createWriteStream(tmp, { flags: 'wx' })
      return {
        async write(chunk) {
          if (!out.write(chunk)) await once(out, 'drain')
        },
        async commit(sha256Hex) {
          out.end()
          await once(out, 'finish')
          await rename(tmp, path.join(dir, sha256Hex))
        },
        async abort() {
          out.destroy()
          await rm(tmp, { force: true })
        },
      }
    },
  }
}

export type ArtifactStorage = ReturnType<typeof createArtifactStorage>
