import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AttestationService } from '../../services/attestation-service.js'
import { Name, problems, Timestamp, VersionString } from '../common-schemas.js'

export const attestationRoutes: FastifyPluginAsyncTypebox<{ attestations: AttestationService }> = async (app, { attestations }) => {
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
        201: Type.Object({ id: Type.String(), model: Type.String(), version: Type.String(), kind: Type.Literal('red-team'), verdict: Type.Union([Type.Literal('pass'), Type.Literal('fail')]), reportUri: Type.String(), summary: Type.Union([Type.String(), Type.Null()]), attestedBy: Type.String(), createdAt: Timestamp }),
        ...problems(400, 404),
      },
    },
  }, async (request, reply) => reply.code(201).send(await attestations.record(request.principal, request.params.name, request.params.version, request.body)))
}
