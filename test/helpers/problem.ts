import { expect } from 'vitest'

/** Asserts an RFC 9457 problem response with this status and returns its body. */
export function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string; json(): any }, status: number) {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = res.json()
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:modelgate:problem:/), title: expect.any(String), detail: expect.any(String) })
  return body
}
