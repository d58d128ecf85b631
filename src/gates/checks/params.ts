// Reading a check's policy parameters with a fallback to the documented default. A value of
// the wrong type is a policy bug, so it throws rather than quietly using the default.

export function numberParam(params: Record<string, unknown>, name: string, fallback: number): number {
  const value = params[name]
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`policy parameter ${name} must be a number`)
  return value
}

export function stringListParam(params: Record<string, unknown>, name: string, fallback: string[]): string[] {
  const value = params[name]
  if (value === undefined) return fallback
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`policy parameter ${name} must be a list of strings`)
  return value
}
