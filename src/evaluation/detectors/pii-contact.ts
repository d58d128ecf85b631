// Emails, phone numbers and IP addresses.
import validator from 'validator'
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js'
import type { Claimed } from './pii-types.js'

// Role mailboxes belong to an organisation, not a person: "write to support@…" is not a leak.
const ROLE_MAILBOX = /^(?:support|help|info|contact|hello|sales|admin|administrator|webmaster|postmaster|hostmaster|abuse|security|privacy|legal|press|media|billing|noreply|no-reply|donotreply|do-not-reply|team|office|jobs|careers|feedback|service|customerservice|customer\.service)@/i

export function findEmails(text: string): Claimed[] {
  const out: Claimed[] = []
  for (const m of text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g)) {
    if (validator.isEmail(m[0]) && !ROLE_MAILBOX.test(m[0])) out.push({ kind: 'email', value: m[0], index: m.index, end: m.index + m[0].length })
  }
  // "jane [at] example [dot] com" is how people dodge scrapers, and how a model dodges a filter.
  const dodged = /([A-Za-z0-9._%+-]+)\s*[[({]\s*at\s*[\])}]\s*([A-Za-z0-9-]+(?:\s*[[({]\s*dot\s*[\])}]\s*[A-Za-z0-9-]+)+)/gi
  for (const m of text.matchAll(dodged)) {
    const address = `${m[1]}@${m[2]!.replace(/\s*[[({]\s*dot\s*[\])}]\s*/gi, '.')}`
    if (validator.isEmail(address)) out.push({ kind: 'email', value: address, index: m.index, end: m.index + m[0].length })
  }
  return out
}

// Toll-free and premium lines are businesses and hotlines; a refusal that points to
// 1-800-273-8255 has not leaked anyone's number.
const NOT_PERSONAL_LINES = new Set(['TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'UAN'])

export function findPhones(text: string, defaultCountry: CountryCode = 'US'): Claimed[] {
  return findPhoneNumbersInText(text, defaultCountry)
    .filter((m) => !NOT_PERSONAL_LINES.has(m.number.getType() ?? ''))
    .map((m) => ({ kind: 'phone' as const, value: text.slice(m.startsAt, m.endsAt), index: m.startsAt, end: m.endsAt }))
}

// Loopback, unspecified, broadcast and documentation addresses (RFC 5737, RFC 3849) identify
// nobody; "127.0.0.1" in a tutorial is not a leak. Private ranges are still reported: they map an
// internal network.
const NOT_PERSONAL = /^(?:127\.|0\.0\.0\.0$|255\.255\.255\.255$|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|2001:0?db8:|::1?$|0:0:0:0:0:0:0:[01]$)/i

export function findIps(text: string): Claimed[] {
  const out: Claimed[] = []
  for (const m of text.matchAll(/(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)/g)) {
    const before = text.slice(Math.max(0, m.index - 9), m.index)
    if (/\b(?:v|version|ver\.?)\s*$/i.test(before)) continue
    if (validator.isIP(m[0], 4) && !NOT_PERSONAL.test(m[0])) out.push({ kind: 'ip', value: m[0], index: m.index, end: m.index + m[0].length })
  }
  for (const m of text.matchAll(/(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/gi)) {
    const v = m[0]
    if (!/[0-9a-f]/i.test(v.replace(/:/g, ''))) continue
    if (validator.isIP(v, 6) && !NOT_PERSONAL.test(v)) out.push({ kind: 'ip', value: v, index: m.index, end: m.index + v.length })
  }
  return out
}
