// Which hosts the service may call on anyone's behalf: model endpoints, output filters, judge
// models named in the policy, and webhook receivers. Every outbound URL passes this one check,
// with one set of rules, both when it is declared (a 422 before anything is stored or queued)
// and again just before it is called (the allowlist may have changed since):
// - resolution: the host is read by the WHATWG URL parser, which rewrites every spelling of
//   an address (0x7f.1, 2130706433, 127.1, trailing dots, upper case, [::ffff:…]) to one
//   canonical form; that form must equal an allowlist entry (or sit under a `*.` entry).
//   Names are compared, never resolved here, so an entry means exactly what it says;
// - redirects: no client follows them (a 3xx is an error for model, filter and judge calls, a
//   failed attempt for webhooks), so an allowed host cannot hand the call to one that is not;
// - only http and https, and no credentials in the URL.

export type HostVerdict = { ok: true; host: string } | { ok: false; reason: string }

/** What an outbound URL is for, named in refusals. */
export type OutboundPurpose = 'model endpoint' | 'output filter' | 'judge model' | 'webhook'

export function normaliseHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '')
}

export function checkEndpointUrl(raw: string, allowlist: readonly string[]): HostVerdict {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: `"${raw.slice(0, 200)}" is not a URL` }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `scheme ${url.protocol} is not allowed; use http or https` }
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not allowed' }
  const host = normaliseHost(url.hostname)
  const allowed = allowlist.some((entry) => {
    const e = normaliseHost(entry)
    return e.startsWith('*.') ? host.endsWith(e.slice(1)) && host.length > e.length - 1 : host === e
  })
  return allowed ? { ok: true, host } : { ok: false, reason: `host "${host}" is not in MODELGATE_ENDPOINT_ALLOWLIST` }
}

export class OutboundUrlRefused extends Error {
  constructor(readonly purpose: OutboundPurpose, readonly reason: string) {
    super(`${purpose} URL refused: ${reason}`)
    this.name = 'OutboundUrlRefused'
  }
}

/** The check at call time: throws instead of returning, so no caller can ignore the verdict. */
export function guardOutboundUrl(raw: string, allowlist: readonly string[], purpose: OutboundPurpose): string {
  const verdict = checkEndpointUrl(raw, allowlist)
  if (!verdict.ok) throw new OutboundUrlRefused(purpose, verdict.reason)
  return raw
}

/** Every URL a policy names (judge models today), with where it sits, for the check at PUT. */
export function policyUrls(policy: { environments: Record<string, { tiers: Array<{ tier: string; checks: Array<{ id: string; params: Record<string, unknown> }> }> }> }): Array<{ at: string; url: unknown }> {
  const found: Array<{ at: string; url: unknown }> = []
  for (const [env, p] of Object.entries(policy.environments)) {
    for (const t of p?.tiers ?? []) {
      for (const c of t.checks) {
        const judge = c.params?.judge
        if (judge !== undefined) found.push({ at: `${env}/${t.tier}/${c.id}/params/judge/url`, url: (judge as { url?: unknown } | null)?.url })
      }
    }
  }
  return found
}
