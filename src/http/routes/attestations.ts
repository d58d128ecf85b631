import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE } from '../../domain/roles.js'
import type { AttestationService } from '../../services/attestation-service.js'
import { Name, problems, Timestamp, VersionString } from '../common-schemas.js'

const AttestationOut = Type.Object({ id: Type.String(), model: Type.String(), version: Type.String(), kind: Type.Literal('red-team'), verdict: Type.Union([Type.Literal('pass'), Type.Literal('fail')]), reportUri: Type.String(), summary: Type.Union([Type.String(), Type.Null()]), attestedBy: Type.String(), createdAt: Timestamp })

export const attestationRoutes: FastifyPluginAsyncTypebox<{ attestations: AttestationService }> = async (app, { attestations }) => {
  app.get('/v1/models/:name/versions/:version/attestations', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['approvals'],
      operationId: 'listAttestations',
      summary: 'The red-team attestations recorded for one model version, oldest first',
      params: Type.Object({ name: Name, version: VersionString }),
      response: { 200: Type.Object({ items: Type.Array(AttestationOut) }), ...problems(400, 404) },
    },
  }, async (request) => attestations.list(request.params.name, request.params.version))

  app.post('/v1/models/:name/versions/:version/attestations', {
    config: { roles: ['red_team'] },
    schema: {
      tags: ['approvals'],
      operationId: 'recordAttestation',
      summary: 'Record a red-team verdict for one exact model version',
      params: Type.Object({ name: Name, version: VersionString }),
      body: Type.Object({
        kind: Type.Literal('red-team'),
        verdict: Type.Union([Type.Literal('pass'), Type.Literal('fail')]),
        reportUri: Type.String({ minLength: 1, maxLength: 2048 }),
        summary: Type.Optional(Type.String({ maxLength: 4000 })),
      }, { additionalProperties: false }),
      response: {
        201: AttestationOut,
        ...problems(400, 404),
      },
    },
  }, async (request, reply) => reply.code(201).send(await attestations.record(request.principal, request.params.name, request.params.version, request.body)))
}
