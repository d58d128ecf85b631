/**
 * Why a member name could write outside the extraction directory or mean different files to
 * different tools. Loaders such as torch.load never extract, but the same archive is often
 * unpacked by people and pipelines (zipfile.extractall, unzip), which is where these bite.
 */
export function memberNameProblems(name: string): string[] {
  const problems: string[] = []
  if (name.length === 0) problems.push('empty member name')
  if (name.includes('\u0000')) problems.push('NUL byte in member name')
  if (name.includes('\\')) problems.push('backslash in member name (a path separator on Windows)')
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) problems.push('absolute member path')
  if (name.split(/[\\/]/).some((segment) => segment === '..')) problems.push('path traversal ("..") in member name')
  return problems
}
