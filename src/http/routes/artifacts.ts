import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Readable } from 'node:stream'
import { Type } from 'typebox'
import { ANY_ROLE } from '../../domain/roles.js'
import type { ArtifactService } from '../../services/artifact-service.js'
import { Name, problems, Timestamp, VersionString } from '../common-schemas.js'

const Finding = Type.Object({
  scanner: Type.String(),
  severity: Type.String(),
  file: Type.String(),
  offset: Type.Optional(Type.Integer()),
  global: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  reason: Type.String(),
})
const Artifact = Type.Object({
  filename: Type.String(),
  digest: Type.String(),
  size: Type.Integer(),
  format: Type.String(),
  stored: Type.Boolean(),
  worstSeverity: Type.Union([Type.String(), Type.Null()]),
  findings: Type.Array(Finding),
  globals: Type.Array(Type.String()),
  uploadedBy: Type.String(),
  createdAt: Timestamp,
})
const Params = Type.Object({ name: Name, version: VersionString })

export const artifactRoutes: FastifyPluginAsyncTypebox<{ artifacts: ArtifactService }> = async (app, { artifacts }) => {
  // The upload body is handed to the route as a stream: hashed, scanned and stored as it
  // arrives, whatever its size, instead of being buffered by a body parser.
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload))

  app.put('/v1/models/:name/versions/:version/artifacts/:filename', {
    config: { roles: ['ci', 'model_owner'] },
    schema: {
      tags: ['artifacts'],
      operationId: 'uploadArtifact',
      summary: 'Upload a model file; it is hashed and scanned as it streams (413 past the size limit)',
      description: '201 when recorded; 200 when the same bytes are already recorded under this name. Once a promotion references the version its file set is frozen: other bytes, or a new file, are 409. Before that, a re-upload replaces the file (audited as artifact.replaced). By the model\'s owner, or a CI key whose scope includes the model (an unscoped CI key: any model); 403 otherwise.',
      params: Type.Object({ ...Params.properties, filename: Type.String({ maxLength: 255 }) }),
      response: { 200: Artifact, 201: Artifact, ...problems(400, 403, 404, 409, 413) },
    },
  }, async (request, reply) => {
    const length = request.headers['content-length'] ? Number(request.headers['content-length']) : undefined
    const body = request.body as Readable | undefined
    const stream = body ?? (async function* () {})()
    const { artifact, created } = await artifacts.upload(request.principal, request.params.name, request.params.version, request.params.filename, stream as Readable, length)
    return reply.code(created ? 201 : 200).send(artifact)
  })

  app.get('/v1/models/:name/versions/:version/artifacts', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['artifacts'],
      operationId: 'listArtifacts',
      summary: 'The files uploaded for a version, with their digests and findings; frozen once a promotion references the version',
      params: Params,
      response: { 200: Type.Object({ model: Type.String(), version: Type.String(), frozen: Type.Boolean(), manifestDigest: Type.Union([Type.String(), Type.Null()]), items: Type.Array(Artifact) }), ...problems(404) },
    },
  }, async (request) => artifacts.list(request.params.name, request.params.version))
}
