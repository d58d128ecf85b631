// Model files uploaded for a version: streamed through the hasher and the scanners (never
// held in memory), kept by digest if storage is on, and recorded with their findings.
import type { Readable } from 'node:stream'
import { manifestDigestOfFiles } from '../provenance/index.js'
import { createArtifactScanner, worstSeverity, type ScanReport } from '../artifacts/index.js'
import { appendAudit } from '../audit/audit-log.js'
import { badRequest, notFound, tooLarge } from '../domain/errors.js'
import { artifactUploadRefusal } from '../domain/object-access.js'
import type { Principal } from '../domain/roles.js'
import type { Database } from '../store/database.js'
import type { ArtifactStorage } from '../store/artifact-storage.js'

const FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/

/**
 * One digest for a version made of several files, computed as OpenSSF model_signing v1.0 does
 * (sha256 over the files' digests in path order), so a signed manifest's subject and a
 * promotion's artifact.digest can name the same thing.
 */
export function manifestDigest(files: ReadonlyArray<{ filename: string; sha256: string }>): string | null {
  if (files.length === 0) return null
  return `sha256:${manifestDigestOfFiles(files.map((f) => ({ path: f.filename, sha256: f.sha256 })))}`
}

export interface ArtifactView {
  filename: string
  digest: string
  size: number
  format: string
  stored: boolean
  worstSeverity: string | null
  findings: ScanReport['findings']
  globals: string[]
  uploadedBy: string
  createdAt: string
}

export function createArtifactService(deps: { db: Database; storage: ArtifactStorage; maxBytes: number }) {
  const { prisma } = deps.db

  function present(a: { filename: string; sha256: string; size: bigint; format: string; stored: boolean; worst: string | null; findings: unknown; globals: unknown; uploadedBy: string; createdAt: Date }): ArtifactView {
    return { filename: a.filename, digest: `sha256:${a.sha256}`, size: Number(a.size), format: a.format, stored: a.stored, worstSeverity: a.worst, findings: a.findings as ScanReport['findings'], globals: a.globals as string[], uploadedBy: a.uploadedBy, createdAt: a.createdAt.toISOString() }
  }

  return {
    async upload(principal: Principal, modelName: string, version: string, filename: string, body: Readable, declaredLength?: number): Promise<ArtifactView> {
      if (!FILENAME.test(filename) || filename.includes('..')) throw badRequest('filename must be 1-255 letters, digits, dots, dashes or underscores, with no path')
      const model = await prisma.model.findUnique({ where: { name: modelName }, select: { id: true, name: true, owner: true } })
      if (!model) throw notFound(`model "${modelName}" does not exist`)
      const refusal = artifactUploadRefusal(principal, model)
      if (refusal) throw refusal
      if (declaredLength !== undefined && declaredLength > deps.maxBytes) throw tooLarge(`the file is ${declaredLength} bytes; the limit is ${deps.maxBytes} (MODELGATE_ARTIFACT_MAX_BYTES)`)

      const scanner = createArtifactScanner({ filename })
      const pending = await deps.storage.begin()
      let size = 0
      try {
        for await (const chunk of body as AsyncIterable<Uint8Array>) {
          size += chunk.length
          if (size > deps.maxBytes) throw tooLarge(`the upload exceeded ${deps.maxBytes} bytes (MODELGATE_ARTIFACT_MAX_BYTES)`)
          scanner.write(chunk)
          await pending?.write(chunk)
        }
      } catch (err) {
        await pending?.abort()
        body.destroy()
        throw err
      }
      const report = scanner.end()
      await pending?.commit(report.sha256)
      const worst = worstSeverity(report.findings) ?? null

      const saved = await prisma.$transaction(async (tx) => {
        await tx.modelVersion.createMany({ data: [{ modelId: model.id, version }], skipDuplicates: true })
        const v = await tx.modelVersion.findUniqueOrThrow({ where: { modelId_version: { modelId: model.id, version } }, select: { id: true } })
        const data = { sha256: report.sha256, size: BigInt(report.bytes), format: report.format, findings: report.findings as object, globals: report.globals, worst, stored: pending !== null, uploadedBy: principal.name }
        const row = await tx.artifactFile.upsert({ where: { versionId_filename: { versionId: v.id, filename } }, create: { versionId: v.id, filename, ...data }, update: { ...data, createdAt: new Date() } })
        await appendAudit(tx, { actor: principal.name, action: 'artifact.uploaded', model: modelName, data: { version, filename, digest: `sha256:${report.sha256}`, size: report.bytes, format: report.format, findings: report.findings.length, worst } })
        return row
      })
      return present(saved)
    },

    async list(modelName: string, version: string): Promise<{ model: string; version: string; manifestDigest: string | null; items: ArtifactView[] }> {
      const v = await prisma.modelVersion.findFirst({ where: { model: { name: modelName }, version }, include: { artifacts: { orderBy: { filename: 'asc' } } } })
      if (!v) throw notFound(`${modelName} ${version} does not exist`)
      return { model: modelName, version, manifestDigest: manifestDigest(v.artifacts), items: v.artifacts.map(present) }
    },
  }
}

export type ArtifactService = ReturnType<typeof createArtifactService>
