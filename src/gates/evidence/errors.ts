/**
 * Raised when uploaded evidence (test reports, scanner output, model cards) cannot be
 * interpreted. The message is shown to whoever owns the CI pipeline, so it should say what
 * was wrong with the artefact and what to change.
 */
export class EvidenceError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EvidenceError'
  }
}
