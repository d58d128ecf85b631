// What a re-run of a blocked promotion starts from: the old promotion's request (model,
// version, target, endpoint, dataset, output filter, artifact) and its evidence exactly as
// stored, so the new promotion is judged on the same inputs under the policy now in force.
// Who may ask: the principal that requested it (within its key's scope), or an admin.
import type pg from 'pg'
import { type Environment } from '../domain/environments.js'
import { conflict, forbidden, notFound, type DomainError } from '../domain/errors.js'
import { inScope, type Principal } from '../domain/roles.js'
import type { PromotionRequest } from './promotion-request.js'

export interface RerunSource {
  id: string
  status: string
  requestedBy: string
  request: PromotionRequest
}

const SOURCE_SQL = `
SELECT p.id, p.status, p.requested_by, p.target_environment, p.endpoint, p.evaluation, p.output_filter, p.artifact,
       m.name AS model, v.version,
       (SELECT coalesce(json_object_agg(e.kind, e.content), '{}') FROM evidence e WHERE e.promotion_id = p.id) AS evidence
FROM promotions p
JOIN models m ON m.id = p.model_id
JOIN model_versions v ON v.id = p.version_id
WHERE p.id = $1::uuid`

/** The promotion to re-run with its request as stored, or null when there is none with this id. */
export async function loadRerunSource(pool: pg.Pool, id: string): Promise<RerunSource | null> {
  const { rows } = await pool.query<{
    id: string; status: string; requested_by: string; target_environment: Environment; endpoint: PromotionRequest['endpoint'] | null
    evaluation: PromotionRequest['evaluation'] | null; output_filter: PromotionRequest['outputFilter'] | null; artifact: PromotionRequest['artifact'] | null
    model: string; version: string; evidence: Record<string, string>
  }>(SOURCE_SQL, [id])
  const r = rows[0]
  if (!r) return null
  return {
    id: r.id,
    status: r.status,
    requestedBy: r.requested_by,
    request: {
      model: r.model,
      version: r.version,
      targetEnvironment: r.target_environment,
      ...(r.endpoint ? { endpoint: r.endpoint } : {}),
      ...(r.evaluation ? { evaluation: r.evaluation } : {}),
      ...(r.output_filter ? { outputFilter: r.output_filter } : {}),
      ...(r.artifact ? { artifact: r.artifact } : {}),
      // Stored as it was accepted (text, or canonical JSON): written again unchanged, so the
      // new promotion's evidence digests are the old one's.
      evidence: r.evidence,
    },
  }
}

/** 403 unless the caller requested the promotion (a CI key in scope) or is an admin; 409 unless it is blocked. */
export function rerunRefusal(p: Principal, source: RerunSource): DomainError | null {
  const admin = p.roles.includes('admin')
  const requester = p.roles.includes('ci') && p.name === source.requestedBy && inScope(p, source.request.model)
  if (!admin && !requester) return forbidden(`only the requester (${source.requestedBy}) or an admin may re-run this promotion`)
  if (source.status !== 'blocked') {
    return conflict(`only a blocked promotion can be re-run; this one is ${source.status}`, { currentStatus: source.status })
  }
  return null
}

export const unknownPromotion = (id: string) => notFound(`promotion ${id} does not exist`)
