// How each kind of evidence is accepted on POST /v1/promotions. Checks name the kinds they
// read (with these schemas) in their catalog entry; the request schema is their union.
import { Type } from 'typebox'

export const JUnitXmlEvidence = Type.String({ minLength: 1, description: 'a JUnit XML report' })
export const VulnerabilityReportEvidence = Type.Union([
  Type.Object({}, { additionalProperties: true }),
  Type.Array(Type.Object({}, { additionalProperties: true }), { minItems: 1, maxItems: 10 }),
], { description: 'the JSON report of OSV-Scanner, Trivy or Grype, or a list of them' })
export const ModelCardEvidence = Type.String({ minLength: 1, description: 'Markdown with YAML front matter' })
export const ProvenanceEvidence = Type.Object({}, { additionalProperties: true, description: 'a DSSE envelope (in-toto statement) or a Sigstore bundle' })
