// Model files uploaded for a version: streamed through the hasher and the scanners (never
// held in memory), kept by digest if storage is on, and recorded with their findings.
// Files are immutable once a promotion references their version: checks, the signed verdict
// and provenance all speak about those bytes, so a later upload could otherwise swap what
// ships after it was judged. Before that, a re-upload replaces the file, audited as such.
import type { Readable } from 'node:stream'
import { createArtifactScanner, worstSeverity, type ScanReport } from '../artifacts/index.js'
import { appendAudit } from '../audit/audit-log.js'
import { badRequest, conflict, notFound, tooLarge } from '../domain/errors.js'
import { artifactUploadRefusal } from '../domain/object-access.js'
import type { Principal } from '../domain/roles.js'
import type { Database, Tx } from '../store/database.js'
import type { ArtifactStorage } from '../store/artifact-storage.js'
import { manifestDigest } from '../core/artifact-digest.js'

const FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/

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

/** Locks the version row, so an upload and the promotion that freezes the version serialise. */
async function lockVersionFrozen(tx: Tx, versionId: string): Promise<Date | null> {
  const rows = await tx.$queryRawUnsafe<{ frozen_at: Date | null }[]>('SELECT frozen_at FROM model_versions WHERE id = $1::uuid FOR UPDATE', versionId)
  return rows[0]?.frozen_at ?? null
}

const frozenConflict = (modelName: string, version: string, filename: string, existing: string | null) =>
  conflict(
    existing
      ? `${modelName} ${version} is referenced by a promotion, so its files are immutable: ${filename} is already ${existing} and cannot be replaced; upload the new build as a new version`
      : `${modelName} ${version} is referenced by a promotion, so its file set is frozen: ${filename} cannot be added; upload the new build as a new version`,
    { filename, currentDigest: existing },
  )

export function createArtifactService(deps: { db: Database; storage: ArtifactStorage; maxBytes: number }) {
  const { prisma } = deps.db

  function present(a: { filename: string; sha256: string; size: bigint; format: string; stored: boolean; worst: string | null; findings: unknown; globals: unknown; uploadedBy: string; createdAt: Date }): ArtifactView {
    return { filename: a.filename, digest: `sha256:${a.sha256}`, size: Number(a.size), format: a.format, stored: a.stored, worstSeverity: a.worst, findings: a.findings as ScanReport['findings'], globals: a.globals as string[], uploadedBy: a.uploadedBy, createdAt: a.createdAt.toISOString() }
  }

  return {
    /** `created` is false when the same bytes were already recorded under this name (idempotent). */
    async upload(principal: Principal, modelName: string, version: string, filename: string, body: Readable, declaredLength?: number): Promise<{ artifact: ArtifactView; created: boolean }> {
      if (!FILENAME.test(filename) || filename.includes('..')) throw badRequest('filename must be 1-255 letters, digits, dots, dashes or underscores, with no path')
      const model = await prisma.model.findUnique({ where: { name: modelName }, select: { id: true, name: true, owner: true } })
      if (!model) throw notFound(`model "${modelName}" does not exist`)
      const refusal = artifactUploadRefusal(principal, model)
      if (refusal) throw refusal
      if (declaredLength !== undefined && declaredLength > deps.maxBytes) throw tooLarge(`the file is ${declaredLength} bytes; the limit is ${deps.maxBytes} (MODELGATE_ARTIFACT_MAX_BYTES)`)
      // A frozen version cannot take a new file whatever its bytes: refuse before reading them.
      const current = await prisma.modelVersion.findFirst({ where: { modelId: model.id, version }, select: { frozenAt: true, artifacts: { where: { filename }, select: { sha256: true } } } })
      if (current?.frozenAt && current.artifacts.length === 0) throw frozenConflict(modelName, version, filename, null)

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
      // Content-addressed: a file kept under its digest is the same whoever refers to it.
      await pending?.commit(report.sha256)
      const worst = worstSeverity(report.findings) ?? null

      return prisma.$transaction(async (tx) => {
        await tx.modelVersion.createMany({ data: [{ modelId: model.id, version }], skipDuplicates: true })
        const v = await tx.modelVersion.findUniqueOrThrow({ where: { modelId_version: { modelId: model.id, version } }, select: { id: true } })
        const frozenAt = await lockVersionFrozen(tx, v.id)
        const existing = await tx.artifactFile.findUnique({ where: { versionId_filename: { versionId: v.id, filename } } })
        if (existing?.sha256 === report.sha256) return { artifact: present(existing), created: false }
        if (frozenAt) throw frozenConflict(modelName, version, filename, existing ? `sha256:${existing.sha256}` : null)
        const data = { sha256: report.sha256, size: BigInt(report.bytes), format: report.format, findings: report.findings as object, globals: report.globals, worst, stored: pending !== null, uploadedBy: principal.name }
        const row = await tx.artifactFile.upsert({ where: { versionId_filename: { versionId: v.id, filename } }, create: { versionId: v.id, filename, ...data }, update: { ...data, createdAt: new Date() } })
        await appendAudit(tx, {
          actor: principal.name,
          action: existing ? 'artifact.replaced' : 'artifact.uploaded',
          model: modelName,
          data: { version, filename, digest: `sha256:${report.sha256}`, size: report.bytes, format: report.format, findings: report.findings.length, worst, ...(existing && { replacedDigest: `sha256:${existing.sha256}`, replacedUploadedBy: existing.uploadedBy }) },
        })
        return { artifact: present(row), created: true }
      })
    },

    async list(modelName: string, version: string): Promise<{ model: string; version: string; frozen: boolean; manifestDigest: string | null; items: ArtifactView[] }> {
      const v = await prisma.modelVersion.findFirst({ where: { model: { name: modelName }, version }, include: { artifacts: { orderBy: { filename: 'asc' } } } })
      if (!v) throw notFound(`${modelName} ${version} does not exist`)
      return { model: modelName, version, frozen: v.frozenAt !== null, manifestDigest: manifestDigest(v.artifacts), items: v.artifacts.map(present) }
    },
  }
}

export type ArtifactService = ReturnType<typeof createArtifactService>
