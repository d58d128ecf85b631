// Every detector answers with its own name and a one-line reason, so a failing case shown to a
// reviewer says which detector decided and why, without re-running anything.
export interface Verdict<Name extends string = string> {
  detector: Name
  reason: string
}

export const clip = (s: string, max = 60): string => {
  const flat = s.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`
}
