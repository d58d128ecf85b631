import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/artifacts/${name}`, import.meta.url))
}

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)))
}

/** The same bytes as an upload would deliver them: an async iterable of small, odd-sized chunks. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size)
}
