// A LogSource over modelgate's HTTP API (GET /v1/audit/checkpoint and
// GET /v1/audit/proofs/consistency), for verifiers that run outside the service.
import { MerkleError } from './errors.js'
import { strictBase64 } from './note.js'
import type { LogSource } from './verifier.js'

export function httpLogSource(opts: { baseUrl: string; token: string; fetch?: typeof fetch }): LogSource {
  const get = async (path: string): Promise<Record<string, unknown>> => {
    const res = await (opts.fetch ?? fetch)(new URL(path, opts.baseUrl), { headers: { authorization: `Bearer ${opts.token}`, accept: 'application/json' } })
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`)
    return (await res.json()) as Record<string, unknown>
  }
  return {
    async latestCheckpoint() {
      const body = await get('/v1/audit/checkpoint')
      if (typeof body.checkpoint !== 'string') throw new MerkleError('malformed_checkpoint', 'the checkpoint response has no checkpoint text')
      return body.checkpoint
    },
    async consistencyProof(first, second) {
      const body = await get(`/v1/audit/proofs/consistency?from=${first}&to=${second}`)
      if (!Array.isArray(body.hashes) || !body.hashes.every((h) => typeof h === 'string')) throw new MerkleError('invalid_argument', 'the consistency proof response has no list of hashes')
      return (body.hashes as string[]).map((h, i) => strictBase64(h, `proof hash ${i}`))
    },
  }
}
