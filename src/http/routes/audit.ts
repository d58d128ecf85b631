import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AuditService } from '../../services/audit-service.js'
import { Any, Limit, problems, SeqCursor, Timestamp } from '../common-schemas.js'

const TreeSize = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
const Seq = Type.String({ pattern: '^[0-9]{1,18}$', description: 'an audit event\'s seq' })
const Hashes = Type.Array(Type.String({ description: 'base64 SHA-256' }))

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
  app.get('/v1/audit', {
    config: { roles: ['admin', 'viewer'] },
    schema: {
      tags: ['audit'],
      operationId: 'listAuditEvents',
      summary: 'Audit events in sequence order, with filters; leafIndex is the event\'s position in the audit Merkle tree once integrated',
      querystring: Type.Object({
        promotionId: Type.Optional(Type.String({ maxLength: 64 })),
        model: Type.Optional(Type.String({ maxLength: 128 })),
        actor: Type.Optional(Type.String({ maxLength: 128 })),
        action: Type.Optional(Type.String({ maxLength: 64 })),
        from: Type.Optional(Type.String({ format: 'date-time' })),
        to: Type.Optional(Type.String({ format: 'date-time' })),
        limit: Type.Optional(Limit),
        cursor: Type.Optional(SeqCursor),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ seq: Type.String(), at: Timestamp, actor: Type.String(), action: Type.String(), promotionId: Type.Union([Type.String(), Type.Null()]), model: Type.Union([Type.String(), Type.Null()]), data: Any, leafIndex: Type.Union([Type.String(), Type.Null()]) })),
          nextCursor: Type.Union([Type.String(), Type.Null()]),
        }),
        ...problems(400, 422),
      },
    },
  }, async (request) => audit.list({ ...request.query, limit: request.query.limit ?? 50, after: request.query.cursor }))

  app.get('/v1/audit/verify', {
    config: { roles: ['admin', 'viewer'] },
    schema: {
      tags: ['audit'],
      operationId: 'verifyAuditLog',
      summary: 'Rebuild the audit Merkle tree from the event rows and compare it with every signed checkpoint; says where it breaks if any row was edited, deleted, inserted or reordered',
      response: {
        200: Type.Object({ valid: Type.Boolean(), events: Type.Integer(), treeSize: Type.Integer(), pending: Type.Integer({ description: 'events not yet integrated into the tree' }), brokenAt: Type.Optional(Type.String()), reason: Type.Optional(Type.String()) }),
        ...problems(),
      },
    },
  }, async () => audit.verify())

  app.get('/v1/audit/checkpoint', {
    config: { roles: ['admin', 'viewer'] },
    schema: {
      tags: ['audit'],
      operationId: 'getAuditCheckpoint',
      summary: 'The latest signed checkpoint of the audit Merkle tree (C2SP tlog-checkpoint in a signed note), with its fields and the verifier key',
      response: {
        200: Type.Object({
          checkpoint: Type.String({ description: 'the signed note, verbatim' }),
          origin: Type.String(),
          treeSize: Type.Integer(),
          rootHash: Type.String({ description: 'base64' }),
          time: Type.Union([Type.String(), Type.Null()]),
          verifierKey: Type.String({ description: '<name>+<key id>+<base64 key>, as signed-note verifiers take it' }),
          signatureValid: Type.Boolean({ description: 'whether the stored note verifies with the service key (it is served as stored either way)' }),
        }),
        ...problems(404),
      },
    },
  }, async () => audit.checkpoint())

  app.get('/v1/audit/proofs/inclusion', {
    config: { roles: ['admin', 'viewer'] },
    schema: {
      tags: ['audit'],
      operationId: 'getAuditInclusionProof',
      summary: 'RFC 9162 inclusion proof of one event (by tree index or by seq) in the tree of treeSize entries (default: the latest checkpoint)',
      querystring: Type.Object({ index: Type.Optional(TreeSize), seq: Type.Optional(Seq), treeSize: Type.Optional(TreeSize) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ leafIndex: Type.Integer(), seq: Type.String(), treeSize: Type.Integer(), leafHash: Type.String(), hashes: Hashes }),
        ...problems(400, 404, 422),
      },
    },
  }, async (request) => audit.inclusion(request.query))

  app.get('/v1/audit/proofs/consistency', {
    config: { roles: ['admin', 'viewer'] },
    schema: {
      tags: ['audit'],
      operationId: 'getAuditConsistencyProof',
      summary: 'RFC 9162 consistency proof that the tree of `to` entries (default: the latest checkpoint) extends the tree of `from` entries',
      querystring: Type.Object({ from: TreeSize, to: Type.Optional(TreeSize) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ from: Type.Integer(), to: Type.Integer(), hashes: Hashes }),
        ...problems(400, 404, 422),
      },
    },
  }, async (request) => audit.consistency(request.query))
}
