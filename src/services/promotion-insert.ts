// The rows a promotion request writes, in two statements on one connection: the first finds
// the model (and the evaluation dataset's pins), registers the version and freezes its file
// set under the version's row lock; the second writes the promotion, its evidence, its
// idempotency record, its outbox deliveries and its audit event together. The second runs
// after the first has taken the lock, so its snapshot holds every upload that committed first.
// It returns the new promotion as the view reads it (the row as stored, no gate runs, checks or
// approvals yet), so the answer costs no further read.
import { createHash, randomUUID } from 'node:crypto'
import type pg from 'pg'
import { canonicalJson } from '../domain/canonical-json.js'
import { checkEnvironmentOrder } from '../domain/environments.js'
import { conflict, unprocessable } from '../domain/errors.js'
import { filesNamedBy } from '../core/artifact-digest.js'
import { nextTier, type Policy, type Tier } from '../domain/policy.js'
import type { Principal } from '../domain/roles.js'
import type { EventEnvelope } from '../notify/outbox.js'
import type { PromotionRequest } from './promotion-request.js'
import type { PromotionRow } from './promotion-view.js'

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

// The version row is inserted frozen, or frozen in place (its row lock held to commit), so an
// upload in flight either committed first (and its bytes are what is frozen) or waits and then
// meets the freeze.
const FREEZE_VERSION_SQL = `
WITH m AS (SELECT id, name, owner FROM models WHERE name = $1),
v AS (
  INSERT INTO model_versions (id, model_id, version, created_at, updated_at, frozen_at)
  SELECT gen_random_uuid(), m.id, $2, now(), now(), now() FROM m
  ON CONFLICT (model_id, version) DO UPDATE SET frozen_at = coalesce(model_versions.frozen_at, now())
  RETURNING id, environment
)
SELECT m.id AS model_id, m.name, m.owner, v.id AS version_id, v.environment,
       (SELECT d.models FROM datasets d WHERE d.name = $3) AS dataset_models
FROM m JOIN v ON true`

const FILES_OF_VERSION = `SELECT coalesce(jsonb_agg(jsonb_build_object('filename', f.filename, 'sha256', f.sha256) ORDER BY f.filename), '[]'::jsonb)
  FROM artifact_files f WHERE f.version_id = $3::uuid`

const INSERT_PROMOTION_SQL = `
WITH p AS (
  INSERT INTO promotions (id, model_id, version_id, source_environment, target_environment, status, requested_by, active_key,
                          policy_version, policy, endpoint, evaluation, output_filter, artifact, artifact_files, current_tier, rerun_of, rerun_by, created_at, updated_at)
  VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, 'queued', $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12::jsonb, $13::jsonb,
          (${FILES_OF_VERSION}), $14, $27::uuid, $28::text, now(), now())
  RETURNING id, source_environment, target_environment, status, requested_by, policy_version, endpoint, evaluation, output_filter,
            artifact, risk_level, risk_score, risk_factors, required_approvals, failure_summary, severity, deadline, created_at, updated_at, decided_at,
            rerun_of, rerun_by
),
e AS (
  INSERT INTO evidence (id, promotion_id, kind, content, digest, size, created_at)
  SELECT gen_random_uuid(), p.id, x.kind, x.content, x.digest, x.size, now()
  FROM p, unnest($15::text[], $16::text[], $17::text[], $18::int[]) AS x(kind, content, digest, size)
  RETURNING kind, digest, size
),
i AS (
  INSERT INTO idempotency_records (id, principal_id, key, request_hash, promotion_id, created_at)
  SELECT gen_random_uuid(), $19::uuid, $20::text, $21::text, p.id, now() FROM p WHERE $20::text IS NOT NULL
),
w AS (
  INSERT INTO webhook_deliveries (id, webhook_id, event, payload, created_at)
  SELECT gen_random_uuid(), h.id, 'promotion.created', $22::jsonb, now()
  FROM p, webhooks h WHERE h.active AND 'promotion.created' = ANY(h.events)
),
a AS (
  INSERT INTO audit_events (at, actor, action, promotion_id, model, data)
  SELECT $23::timestamptz, $26, 'promotion.created', p.id, $24, $25::jsonb FROM p
),
-- A re-run is recorded on the blocked promotion too, so either one's audit trail leads to the other.
r AS (
  INSERT INTO audit_events (at, actor, action, promotion_id, model, data)
  SELECT $23::timestamptz, $26, 'promotion.rerun', $27::uuid, $24, jsonb_build_object('rerunPromotionId', p.id, 'rerunOf', $27::uuid::text, 'rerunBy', $28::text)
  FROM p WHERE $27::uuid IS NOT NULL
)
SELECT p.*,
  (SELECT coalesce(json_agg(json_build_object('kind', e.kind, 'digest', e.digest, 'size', e.size) ORDER BY e.kind), '[]') FROM e) AS evidence
FROM p`

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v))

/** Writes a promotion inside the caller's transaction; throws the request's 4xx when a rule refuses it. */
export async function insertPromotion(
  client: pg.PoolClient,
  principal: Principal,
  req: PromotionRequest,
  policy: Policy,
  idempotency?: { key: string; fingerprint: string },
  /** A re-run of a blocked promotion: it keeps that promotion's requester; `by` asked for the re-run. */
  rerun?: { of: string; by: string; requestedBy: string },
): Promise<{ id: string; firstTier: Tier | null; row: PromotionRow }> {
  const requestedBy = rerun?.requestedBy ?? principal.name
  const { rows } = await client.query<{ model_id: string; name: string; owner: string; version_id: string; environment: string | null; dataset_models: string[] | null }>(
    FREEZE_VERSION_SQL,
    [req.model, req.version, req.evaluation?.dataset ?? null],
  )
  const found = rows[0]
  if (!found) throw unprocessable(`model "${req.model}" is not registered; register it with POST /v1/models first`, { field: 'model' })
  if (req.evaluation) {
    if (!found.dataset_models) throw unprocessable(`dataset "${req.evaluation.dataset}" is not registered; upload it with POST /v1/datasets first`, { field: 'evaluation.dataset' })
    if (!found.dataset_models.includes(found.name)) {
      throw unprocessable(`dataset "${req.evaluation.dataset}" is not pinned to ${found.name}; its owner or an ml_lead registers an evaluation dataset for it with models: ["${found.name}"]`, { field: 'evaluation.dataset', rule: 'dataset_not_pinned' })
    }
  }
  const order = checkEnvironmentOrder(found.environment, req.targetEnvironment)
  if (!order.ok) throw conflict(order.reason, { currentEnvironment: found.environment })
  if (req.artifact) {
    // The promoted artifact must be one whose bytes this service hashed and scanned.
    const files = await client.query<{ filename: string; sha256: string }>('SELECT filename, sha256 FROM artifact_files WHERE version_id = $1::uuid', [found.version_id])
    if (filesNamedBy(req.artifact.digest, files.rows).length === 0) {
      throw unprocessable(`artifact.digest ${req.artifact.digest} matches no file uploaded for ${req.model} ${req.version} (nor its manifest digest); upload the file with PUT /v1/models/${req.model}/versions/${req.version}/artifacts/:filename first`, { field: 'artifact.digest' })
    }
  }

  const id = randomUUID()
  const firstTier = nextTier(policy, req.targetEnvironment, null)
  const evidence = Object.entries(req.evidence ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([kind, v]) => {
      const content = typeof v === 'string' ? v : canonicalJson(v)
      return { kind, content, digest: `sha256:${sha256(content)}`, size: Buffer.byteLength(content) }
    })
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type: 'promotion.created',
    createdAt: new Date().toISOString(),
    data: { promotionId: id, model: found.name, version: req.version, from: order.source, to: req.targetEnvironment, requestedBy, ...(rerun ? { rerunOf: rerun.of, rerunBy: rerun.by } : {}) },
  }
  const audit = {
    version: req.version,
    from: order.source,
    to: req.targetEnvironment,
    policyVersion: policy.version,
    evidence: evidence.map((e) => ({ kind: e.kind, digest: e.digest })),
    artifact: req.artifact ?? null,
    ...(rerun ? { rerunOf: rerun.of, rerunBy: rerun.by, requestedBy } : {}),
  }
  type Inserted = Omit<PromotionRow, 'model' | 'model_owner' | 'version' | 'policy' | 'reruns' | 'gate_runs' | 'checks' | 'approvals'>
  const inserted = await client.query<Inserted>(INSERT_PROMOTION_SQL, [
    id, found.model_id, found.version_id, order.source, req.targetEnvironment, requestedBy, `${found.version_id}/${req.targetEnvironment}`,
    policy.version, JSON.stringify(policy), json(req.endpoint), json(req.evaluation), json(req.outputFilter), json(req.artifact), firstTier,
    evidence.map((e) => e.kind), evidence.map((e) => e.content), evidence.map((e) => e.digest), evidence.map((e) => e.size),
    idempotency ? principal.id : null, idempotency?.key ?? null, idempotency?.fingerprint ?? null,
    JSON.stringify(envelope), new Date().toISOString(), found.name, JSON.stringify(audit),
    principal.name, rerun?.of ?? null, rerun?.by ?? null,
  ])
  const row: PromotionRow = { ...inserted.rows[0]!, model: found.name, model_owner: found.owner, version: req.version, policy, reruns: [], gate_runs: [], checks: [], approvals: [] }
  return { id, firstTier, row }
}
