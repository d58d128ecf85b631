// Governed changes in tests: one admin proposes, a second admin principal confirms.
import { expect } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import type { Harness } from './harness.js'

export const SECOND_ADMIN = 'second-admin'

/** Confirms the pending change a 202 answer describes, as a second admin; returns the applied change. */
export async function confirmChange(h: Harness, proposed: LightMyRequestResponse) {
  expect(proposed.statusCode, proposed.body).toBe(202)
  const change = proposed.json()
  expect(change.status).toBe('pending')
  const res = await h.request(await h.key(SECOND_ADMIN, ['admin']), { method: 'POST', url: `/v1/changes/${change.id}/confirm` })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
