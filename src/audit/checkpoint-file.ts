// The append-only checkpoint file: one JSON line per signed checkpoint, opened with O_APPEND
// so concurrent writers never overwrite each other. Kept (or shipped) somewhere the database's
// owner cannot reach, it is one more copy of history the database cannot change.
import { appendFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { PublishedCheckpoint } from './integrator.js'

export function checkpointFileWriter(path: string): (cp: PublishedCheckpoint) => Promise<void> {
  return async (cp) => {
    await mkdir(dirname(path), { recursive: true })
    await appendFile(path, `${JSON.stringify(cp)}\n`, { flag: 'a', mode: 0o644 })
  }
}
