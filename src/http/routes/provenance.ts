import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE } from '../../domain/roles.js'
import type { ChangeService } from '../../services/change-service.js'
import type { TrustedKeyService } from '../../services/trusted-key-service.js'
import { ChangeOut, TWO_ADMIN_NOTE } from './change-schemas.js'
import type { VerdictService } from '../../services/verdict-service.js'
import { IdParams, problems, Timestamp } from '../common-schemas.js'

const Scope = Type.Object({
  models: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 100 })),
  builders: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { maxItems: 100 })),
}, { additionalProperties: false })
const KeyOut = Type.Object({ keyId: Type.String(), algorithm: Type.String(), scope: Scope, createdBy: Type.String(), createdAt: Timestamp })
const Envelope = Type.Object({ payloadType: Type.String(), payload: Type.String(), signatures: Type.Array(Type.Object({ keyid: Type.Optional(Type.String()), sig: Type.String() })) })

export const provenanceRoutes: FastifyPluginAsyncTypebox<{ trustedKeys: TrustedKeyService; verdicts: VerdictService; changes: ChangeService }> = async (app, { trustedKeys, verdicts, changes }) => {
  app.post('/v1/trusted-keys', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['provenance'],
      operationId: 'addTrustedKey',
      summary: 'Propose to trust a public key (ed25519 or ECDSA, PEM) to sign provenance, within a scope',
      description: `${TWO_ADMIN_NOTE} The same key and scope again from the same admin is a safe retry: 200 with the change it made before (pending or applied). A key already trusted otherwise: 409.`,
      body: Type.Object({ pem: Type.String({ minLength: 40, maxLength: 10_000 }), scope: Type.Optional(Scope) }, { additionalProperties: false }),
      response: { 200: ChangeOut, 202: ChangeOut, ...problems(400, 409, 422) },
    },
  }, async (request, reply) => {
    const { change, replayed } = await changes.proposeTrustedKey(request.principal, request.body)
    return reply.code(replayed ? 200 : 202).send(change)
  })

  app.get('/v1/trusted-keys', {
    config: { roles: ['admin', 'viewer'] },
    schema: { tags: ['provenance'], operationId: 'listTrustedKeys', summary: 'Keys trusted to sign provenance', response: { 200: Type.Object({ items: Type.Array(KeyOut) }), ...problems() } },
  }, async () => trustedKeys.list())

  app.delete('/v1/trusted-keys/:keyId', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['provenance'],
      operationId: 'removeTrustedKey',
      summary: 'Propose to stop trusting a key for provenance',
      description: `${TWO_ADMIN_NOTE} Verdicts already made stay verifiable: they are signed with the service's own key, and past promotions keep their stored provenance results.`,
      params: Type.Object({ keyId: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
      response: { 202: ChangeOut, ...problems(404) },
    },
  }, async (request, reply) => reply.code(202).send(await changes.proposeTrustedKeyRemoval(request.principal, request.params.keyId)))

  app.get('/v1/promotions/:id/attestation', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['provenance'],
      operationId: 'getPromotionAttestation',
      summary: 'The service\'s signed verdict: a DSSE envelope around an in-toto test-result statement',
      params: IdParams,
      response: { 200: Envelope, ...problems(404, 409) },
    },
  }, async (request) => verdicts.attestation(request.params.id))

  app.get('/v1/signing-key', {
    config: { public: true },
    schema: {
      tags: ['provenance'],
      operationId: 'getSigningKey',
      security: [],
      summary: 'The public key that verifies the service\'s verdicts',
      response: { 200: Type.Object({ keyId: Type.String(), algorithm: Type.Literal('ed25519'), publicKeyPem: Type.String() }) },
    },
  }, async () => verdicts.publicKey())
}
