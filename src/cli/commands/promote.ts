// modelgate promote: upload the model files, send the promotion with the evidence from files,
// and (with --wait) follow it to a decision. Exit codes in ../exit-codes.ts.
import { basename } from 'node:path'
import type { Client } from '../client.js'
import { CliError, EXIT } from '../exit-codes.js'
import type { PromotionView } from '../promotion.js'
import { buildPromotionBody, ciRunId, idempotencyKey, type PromoteOptions } from '../request.js'
import { followToDecision, type FollowOptions } from './decision.js'
import { writeReports } from './reports.js'

export interface PromoteCommandOptions extends PromoteOptions, FollowOptions {
  artifact?: string[]
  runId?: string
  wait?: boolean
  waitApproval?: boolean
}

const enc = encodeURIComponent

async function uploadArtifacts(client: Client, o: PromoteCommandOptions, print: (s: string) => void): Promise<{ uri: string; digest: string } | undefined> {
  const files = o.artifact ?? []
  if (files.length === 0) return undefined
  const digests: string[] = []
  for (const file of files) {
    const name = basename(file)
    // Uploads are idempotent: the same bytes again answer with the stored file.
    const res = await client.putFile<{ digest: string; worstSeverity: string | null }>(`/v1/models/${enc(o.model)}/versions/${enc(o.version)}/artifacts/${enc(name)}`, file, { retry: true })
    print(`uploaded ${name}: ${res.body.digest}${res.body.worstSeverity ? ` (scanner: worst finding ${res.body.worstSeverity})` : ''}`)
    digests.push(res.body.digest)
  }
  if (files.length === 1) return { uri: o.artifactUri ?? basename(files[0]!), digest: digests[0]! }
  // Several files are promoted as one set, named by the manifest digest over all of them.
  const list = await client.get<{ manifestDigest: string | null }>(`/v1/models/${enc(o.model)}/versions/${enc(o.version)}/artifacts`)
  if (!list.body.manifestDigest) throw new CliError('the service did not return a manifest digest for the uploaded files')
  return { uri: o.artifactUri ?? `${o.model}/${o.version}`, digest: list.body.manifestDigest }
}

export async function promoteCommand(client: Client, o: PromoteCommandOptions, io: { print: (s: string) => void; url: string }): Promise<number> {
  if (o.waitApproval && !o.wait) o.wait = true
  const artifact = await uploadArtifacts(client, o, io.print)
  const body = await buildPromotionBody(o, artifact)
  const key = idempotencyKey(ciRunId(o.runId), body)
  const res = await client.post<PromotionView>('/v1/promotions', body, { headers: { 'idempotency-key': key }, retry: true })
  const replayed = res.headers.get('idempotent-replayed') === 'true'
  io.print(`promotion ${res.body.id} ${replayed ? 'already requested (replayed)' : 'accepted'}: ${o.model}@${o.version} → ${o.target}`)
  if (!o.wait) {
    await writeReports(res.body, o, io.url)
    return EXIT.ok
  }
  return followToDecision(client, res.body.id, o, io, !o.waitApproval)
}
