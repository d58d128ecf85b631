// SLSA provenance v1 (https://slsa.dev/provenance/v1): who built the model (runDetails.builder.id)
// and from what. The training data sets are read from buildDefinition.externalParameters.datasets
// when the build declares them there, otherwise every resolvedDependencies entry is taken as a
// data set, since provenance that mixes code and data in resolvedDependencies gives no way to tell
// them apart.
import type { Dataset } from './datasets.js'
import { digestSet, field, isObject, objectField, stringField, type JsonObject } from './json-shape.js'
import { MAX_DATASETS } from './limits.js'

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1'

export interface SlsaProvenance {
  buildType: string
  builder: string
  datasets: Dataset[]
  /** Where the data sets were read from. */
  datasetSource: 'externalParameters.datasets' | 'resolvedDependencies'
  /** Data set entries that could not be used, each with the reason. */
  datasetProblems: string[]
}

export type SlsaReading = { ok: true; provenance: SlsaProvenance } | { ok: false; detail: string }

interface Descriptor {
  name?: string
  uri?: string
  digest?: Record<string, string>
}

export function readSlsaProvenance(predicate: JsonObject | undefined): SlsaReading {
  if (!predicate) return bad('the SLSA predicate is missing')
  const definition = objectField(predicate, 'buildDefinition')
  if (!definition) return bad('buildDefinition is missing')
  const buildType = stringField(definition, 'buildType')
  if (!buildType) return bad('buildDefinition.buildType is missing')
  const external = objectField(definition, 'externalParameters')
  if (!external) return bad('buildDefinition.externalParameters is missing')
  const internal = field(definition, 'internalParameters')
  if (internal !== undefined && !isObject(internal)) return bad('buildDefinition.internalParameters is not an object')
  const builder = stringField(objectField(objectField(predicate, 'runDetails') ?? {}, 'builder') ?? {}, 'id')
  if (!builder) return bad('runDetails.builder.id is missing')

  const resolvedList = field(definition, 'resolvedDependencies') ?? []
  if (!Array.isArray(resolvedList)) return bad('buildDefinition.resolvedDependencies is not a list')
  if (resolvedList.length > MAX_DATASETS) return bad(`${resolvedList.length} resolvedDependencies, over the ${MAX_DATASETS} accepted`)
  const resolved: Descriptor[] = []
  for (const [index, entry] of resolvedList.entries()) {
    const descriptor = readDescriptor(entry)
    if (typeof descriptor === 'string') return bad(`resolvedDependencies[${index}]: ${descriptor}`)
    resolved.push(descriptor)
  }

  const declared = field(external, 'datasets')
  if (declared === undefined) {
    const { datasets, problems } = collect(resolved.map((d, i) => ({ label: `resolvedDependencies[${i}]`, descriptor: d })))
    return ok({ buildType, builder, datasets, datasetSource: 'resolvedDependencies', datasetProblems: problems })
  }
  if (!Array.isArray(declared)) return bad('externalParameters.datasets is not a list')
  if (declared.length > MAX_DATASETS) return bad(`${declared.length} datasets, over the ${MAX_DATASETS} accepted`)
  const entries: Array<{ label: string; descriptor: Descriptor }> = []
  for (const [index, entry] of declared.entries()) {
    const label = `externalParameters.datasets[${index}]`
    const descriptor = typeof entry === 'string' ? { uri: entry } : readDescriptor(entry)
    if (typeof descriptor === 'string') return bad(`${label}: ${descriptor}`)
    entries.push({ label, descriptor: withResolvedDigest(descriptor, resolved) })
  }
  const { datasets, problems } = collect(entries)
  return ok({ buildType, builder, datasets, datasetSource: 'externalParameters.datasets', datasetProblems: problems })
}

function readDescriptor(entry: unknown): Descriptor | string {
  if (!isObject(entry)) return 'not an object'
  const name = field(entry, 'name')
  const uri = field(entry, 'uri')
  const rawDigest = field(entry, 'digest')
  if (name !== undefined && typeof name !== 'string') return 'name is not a string'
  if (uri !== undefined && typeof uri !== 'string') return 'uri is not a string'
  const digest = rawDigest === undefined ? undefined : digestSet(rawDigest)
  if (rawDigest !== undefined && !digest) return 'digest is not a map of strings'
  return { ...(name !== undefined && { name }), ...(uri !== undefined && { uri }), ...(digest && { digest }) }
}

/**
 * A data set declared as a parameter often carries only its uri; the digest it resolved to is
 * recorded in resolvedDependencies, matched here by uri (or by name when it has no uri).
 */
function withResolvedDigest(declared: Descriptor, resolved: readonly Descriptor[]): Descriptor {
  if (declared.digest) return declared
  const match = resolved.find((r) => (declared.uri !== undefined ? r.uri === declared.uri : declared.name !== undefined && r.name === declared.name))
  return match?.digest ? { ...declared, digest: match.digest } : declared
}

function collect(entries: ReadonlyArray<{ label: string; descriptor: Descriptor }>): { datasets: Dataset[]; problems: string[] } {
  const datasets: Dataset[] = []
  const problems: string[] = []
  for (const { label, descriptor } of entries) {
    const what = descriptor.uri ?? descriptor.name ?? label
    if (!descriptor.uri) {
      problems.push(`${what}: no uri`)
      continue
    }
    datasets.push({ ...(descriptor.name !== undefined && { name: descriptor.name }), uri: descriptor.uri, digest: descriptor.digest ?? {} })
  }
  return { datasets, problems }
}

function ok(provenance: SlsaProvenance): SlsaReading {
  return { ok: true, provenance }
}

function bad(detail: string): SlsaReading {
  return { ok: false, detail: `SLSA provenance v1: ${detail}` }
}
