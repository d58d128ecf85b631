// red_team_report: a sign-off. It passes only on a "pass" attestation for this exact version
// made by a principal holding the red_team role; the newest attestation is the verdict, so a
// later "fail" overrides an earlier "pass".
import { Type } from 'typebox'
import { defineCheck, failed } from '../check.js'

export const redTeamReportCheck = defineCheck({
  id: 'red_team_report',
  tier: 'security',
  title: 'Red team assessment report',
  passesWhen: 'the newest red-team attestation for this version, by a `red_team` principal, says `pass`',
  params: Type.Object({}, { additionalProperties: false }),
  requires: { attestation: 'red-team' },
  severity: 'critical',
  // Ours: dev lets a team iterate before its red team signs anything.
  environments: ['staging', 'prod'],
  runner: 'worker',
  async run({ promotion, lookups }) {
    const threshold = { verdict: 'pass', attestedBy: 'a principal with the red_team role', version: promotion.version }
    const all = await lookups.attestations('red-team')
    const valid = all.filter((a) => a.principalRoles.includes('red_team'))
    const latest = valid[0]
    const route = `POST /v1/models/${promotion.model.name}/versions/${promotion.version}/attestations`
    if (!latest) {
      return failed(`no red team attestation for ${promotion.model.name} ${promotion.version}`, `a red_team principal must assess this version and attest with ${route} {kind: "red-team", verdict, reportUri}`, { threshold, measured: { attestations: 0 } })
    }
    const measured = { verdict: latest.verdict, attestedBy: latest.principalName, at: latest.createdAt, reportUri: latest.reportUri }
    const details = { latest, history: valid.slice(0, 10) }
    if (latest.verdict === 'pass') {
      return { status: 'passed', measured, threshold, details, summary: `red team (${latest.principalName}) passed this version: ${latest.reportUri}` }
    }
    return failed(`the red team (${latest.principalName}) failed this version: ${latest.summary ?? latest.reportUri}`, `fix the findings in ${latest.reportUri}, then a red_team principal attests again with ${route}`, { threshold, measured, details })
  },
})
