// Paths as the OpenSSF model_signing library writes them: POSIX, relative to the model root,
// normalised like Python's PurePosixPath ("./a//b/" is "a/b"), and ordered part by part by code
// point, which is the order its manifests list resources in.

export function normalizePath(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.')
  return (path.startsWith('/') ? '/' : '') + parts.join('/')
}

export function comparePaths(a: string, b: string): number {
  const left = a.split('/')
  const right = b.split('/')
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = compareCodePoints(left[i]!, right[i]!)
    if (order !== 0) return order
  }
  return left.length - right.length
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0
  const left = Array.from(a, (c) => c.codePointAt(0)!)
  const right = Array.from(b, (c) => c.codePointAt(0)!)
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i]! - right[i]!
  }
  return left.length - right.length
}
