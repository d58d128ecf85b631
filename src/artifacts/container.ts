/**
 * What belongs in a torch, Keras or npz archive. A member a container's loader would not read is
 * either junk or a second reading of the archive (a pickle torch.load can be pointed at by name,
 * a payload for another tool); the scanner cannot classify it, so it is refused rather than
 * guessed about.
 */
const TORCH_MEMBER = /^[^/]+\/(data\.pkl|version|\.data\/version|byteorder|\.data\/serialization_id|\.format_version|\.storage_alignment|data\/[0-9A-Za-z_]+)$/
const KERAS_MEMBER = /^(config\.json|metadata\.json|model\.weights\.h5|model\.weights\.npz|assets\/.+)$/
const NPZ_MEMBER = /\.npy$/

export interface ContainerProblem {
  member: string
  reason: string
}

export function containerProblems(kind: string, names: readonly string[]): ContainerProblem[] {
  const pattern = kind === 'pytorch-zip' ? TORCH_MEMBER : kind === 'keras' ? KERAS_MEMBER : kind === 'npz' ? NPZ_MEMBER : null
  if (!pattern) return []
  const problems: ContainerProblem[] = []
  const prefixes = new Set(names.filter((n) => /^[^/]+\/data\.pkl$/.test(n)).map((n) => n.slice(0, n.indexOf('/'))))
  if (kind === 'pytorch-zip' && prefixes.size > 1) {
    problems.push({ member: [...prefixes].join(', '), reason: 'torch archive with more than one record prefix: loaders pick one, the others are a second reading' })
  }
  for (const name of names) {
    if (name.endsWith('/')) continue
    if (!pattern.test(name)) problems.push({ member: name, reason: `member ${name} is not part of a ${kind} archive, so this scan cannot classify it` })
  }
  return problems
}
