import { open } from 'node:fs/promises'

/**
 * Reads a file in large chunks into two reused buffers, starting the next read before handing
 * out the current chunk. Hashing and scanning a chunk then overlap with reading the next (the
 * read runs on libuv's thread pool), and no per-chunk allocation churns the heap, which is what
 * lets a scan keep pace with a plain stream read despite also computing SHA-256.
 *
 * Each chunk is only valid until the consumer asks for the next one; the scanners copy whatever
 * they keep.
 */
export async function* readFileChunks(path: string, chunkSize = 1024 * 1024): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r')
  const buffers: [Buffer, Buffer] = [Buffer.allocUnsafe(chunkSize), Buffer.allocUnsafe(chunkSize)]
  let position = 0
  let current: 0 | 1 = 0
  let pending: Promise<{ bytesRead: number }> | null = handle.read(buffers[0], 0, chunkSize, position)
  try {
    for (;;) {
      const { bytesRead } = await pending
      pending = null
      if (bytesRead === 0) return
      position += bytesRead
      const chunk = buffers[current].subarray(0, bytesRead)
      current = current === 0 ? 1 : 0
      pending = handle.read(buffers[current], 0, chunkSize, position)
      yield chunk
    }
  } finally {
    // A read still in flight must land before its buffer and the handle go away.
    if (pending) await pending.catch(() => undefined)
    await handle.close()
  }
}
