// Which hosts the service may call on a promotion's behalf (model endpoints, output filters,
// webhooks). Anything else is refused before a job is queued, so a promotion request cannot
// make the workers reach into the network (SSRF).

export type HostVerdict = { ok: true; host: string } | { ok: false; reason: string }

export function normaliseHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '')
}

export function checkEndpointUrl(raw: string, allowlist: readonly string[]): HostVerdict {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: `"${raw}" is not a URL` }
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
