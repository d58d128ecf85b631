import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { ChangeService } from '../../services/change-service.js'
import { Cursor, IdParams, Limit, problems } from '../common-schemas.js'
import { ChangeOut } from './change-schemas.js'

export const changeRoutes: FastifyPluginAsyncTypebox<{ changes: ChangeService }> = async (app, { changes }) => {
  app.get('/v1/changes', {
    config: { roles: ['admin', 'viewer'] },
    schema: {
      tags: ['changes'],
      operationId: 'listChanges', summary: 'Governed changes (policy, model owner and risk profile, trusted keys), newest first',
      querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('applied')])), limit: Limit, cursor: Type.Optional(Cursor) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ChangeOut), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...problems(422) },
    },
  }, async (request) => changes.list(request.query))

  app.post('/v1/changes/:id/confirm', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['changes'],
      operationId: 'confirmChange', summary: 'Confirm a pending change as a second admin; it takes effect now',
      description: '403 when the proposer confirms its own change (or, with an identity provider configured, when the confirming admin did not sign in through it). 409 when the change was already applied or no longer applies (e.g. the policy version was taken meanwhile); 422 when it no longer passes its checks.',
      params: IdParams,
      response: { 200: ChangeOut, ...problems(404, 409, 422) },
    },
  }, async (request) => changes.confirm(request.principal, request.params.id))
}
