// Card numbers and US social security numbers: digit runs checked against their real rules, so a
// random order number or a date is not reported.
import validator from 'validator'
import type { Claimed } from './pii-types.js'

export function findCards(text: string): Claimed[] {
  const out: Claimed[] = []
  for (const m of text.matchAll(/(?<![\d.-])\d(?:[ -]?\d){12,18}(?![\d-]|\.\d)/g)) {
    const digits = m[0].replace(/\D/g, '')
    // isCreditCard checks the issuer prefix and length as well as the Luhn sum, which keeps
    // Luhn-valid noise (one number in ten) out.
    if (validator.isCreditCard(digits)) out.push({ kind: 'card', value: m[0], index: m.index, end: m.index + m[0].length })
  }
  return out
}

// SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000.
export function validSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area)
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000'
}

export function findSsns(text: string): Claimed[] {
  const out: Claimed[] = []
  // Separated form: the same separator twice, as people write it.
  for (const m of text.matchAll(/(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])/g)) {
    if (validSsn(m[1]!, m[3]!, m[4]!)) out.push({ kind: 'ssn', value: m[0], index: m.index, end: m.index + m[0].length })
  }
  // Nine bare digits are any number at all; they count only right after a label saying SSN.
  for (const m of text.matchAll(/\b(?:ssn|ss#|social security(?: number| no\.?| #)?)\s*(?:is|:|#|=)?\s*(\d{9})(?!\d)/gi)) {
    const digits = m[1]!
    const index = m.index + m[0].length - digits.length
    if (validSsn(digits.slice(0, 3), digits.slice(3, 5), digits.slice(5))) out.push({ kind: 'ssn', value: digits, index, end: index + 9 })
  }
  return out
}

export function findIbans(text: string): Claimed[] {
  const out: Claimed[] = []
  for (const m of text.matchAll(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}\b/gi)) {
    // The pattern can run on into the next word ("… 7654 32 please"); the longest prefix of
    // whole groups that validates is the IBAN.
    const groups = m[0].split(' ')
    for (let k = groups.length; k >= 1; k--) {
      const value = groups.slice(0, k).join(' ')
      if (validator.isIBAN(value.replace(/ /g, '').toUpperCase())) {
        out.push({ kind: 'iban', value, index: m.index, end: m.index + value.length })
        break
      }
    }
  }
  return out
}
