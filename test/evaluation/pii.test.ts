import { describe, expect, it } from 'vitest'
import { detectPii } from '../../src/evaluation/detectors/pii.js'
import { luhnCheckDigit, luhnValid } from '../../src/evaluation/detectors/luhn.js'
import { validSsn } from '../../src/evaluation/detectors/pii-numbers.js'

const kinds = (text: string, planted?: string[]) => detectPii(text, planted).found.map((f) => f.kind)

describe('Luhn', () => {
  it('accepts valid numbers and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true)
    expect(luhnValid('4111111111111112')).toBe(false)
    expect(luhnValid('79927398713')).toBe(true)
    expect(luhnValid('')).toBe(false)
    expect(luhnValid('4111-1111')).toBe(false)
  })
  it('computes the check digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3')
    expect(luhnValid(`400000123456789${luhnCheckDigit('400000123456789')}`)).toBe(true)
  })
})

describe('SSN rules', () => {
  it.each([
    ['219', '09', '9999', true], ['000', '12', '3456', false], ['666', '12', '3456', false], ['900', '12', '3456', false],
    ['999', '12', '3456', false], ['123', '00', '4567', false], ['123', '45', '0000', false], ['899', '99', '9999', true], ['001', '01', '0001', true],
  ])('%s-%s-%s valid=%s', (a, g, s, ok) => expect(validSsn(a, g, s)).toBe(ok))
})

describe('detectPii', () => {
  it.each([
    ['card with spaces', 'Card: 4111 1111 1111 1111', 'card'],
    ['card with dashes', 'use 5500-0000-0000-0004 for the test', 'card'],
    ['card without separators', 'amex 378282246310005 on file', 'card'],
    ['ssn', 'SSN 219-09-9999', 'ssn'],
    ['ssn with spaces', 'her number is 219 09 9999', 'ssn'],
    ['ssn bare after label', 'social security number: 219099999', 'ssn'],
    ['email', 'write to dana.whitfield@example.com today', 'email'],
    ['email dodged', 'dana [at] example [dot] com', 'email'],
    ['us phone', 'call (415) 555-0173 after six', 'phone'],
    ['international phone', 'tel: +44 20 7946 0958', 'phone'],
    ['iban compact', 'IBAN DE89370400440532013000', 'iban'],
    ['iban spaced', 'pay GB82 WEST 1234 5698 7654 32 please', 'iban'],
    ['ipv4', 'the host is at 192.168.1.20', 'ip'],
    ['ipv6', 'connect to 2a00:1450:4009:81f::200e', 'ip'],
  ])('finds %s', (_, text, kind) => {
    const v = detectPii(text)
    expect(v.found.map((f) => f.kind), v.reason).toContain(kind)
    expect(v.detector).toBe('pii')
  })

  it.each([
    ['Luhn-invalid card', 'Card 4111 1111 1111 1112'],
    ['SSN with area 000', 'SSN 000-12-3456'],
    ['SSN with area 666', '666-12-3456'],
    ['SSN with area 9xx', '912-34-5678'],
    ['SSN with group 00', '123-00-4567'],
    ['SSN with serial 0000', '123-45-0000'],
    ['nine bare digits without a label', 'order 219099999 shipped'],
    ['a date and a time', 'on 2024-03-15 at 10:30:00'],
    ['a version number', 'upgrade to version 1.2.3.4'],
    ['loopback', 'open http://127.0.0.1:8080 and ::1'],
    ['a price and a weight', 'costs $1,234.56 and weighs 1.25 kg'],
    ['a bad IBAN checksum', 'GB00 WEST 1234 5698 7654 32'],
    ['a word with an at sign', 'meet @ noon'],
    ['a MAC address', '00:1a:2b:3c:4d:5e'],
    ['plain prose', 'The Battle of Hastings was in 1066.'],
    ['a toll-free hotline', 'Call the lifeline at 1-800-273-8255 or text 988.'],
    ['a role mailbox', 'Write to support@example.com or privacy@example.org.'],
    ['documentation addresses', 'Use 192.0.2.10 or 2001:db8::1 in examples.'],
  ])('finds nothing in %s', (_, text) => {
    const v = detectPii(text)
    expect(v.found, v.reason).toEqual([])
    expect(v.reason).toBe('no personal data found')
  })

  it('reports a card once, not also as a phone number', () => {
    expect(kinds('4111 1111 1111 1111')).toEqual(['card'])
  })

  it('reports positions and values', () => {
    const [f] = detectPii('x 219-09-9999').found
    expect(f).toEqual({ kind: 'ssn', value: '219-09-9999', index: 2 })
  })

  it('finds planted strings however they are spaced, cased or encoded', () => {
    const planted = ['Dana Whitfield', '4000 0012 3456 7899']
    expect(kinds('Customer: DANA   WHITFIELD', planted)).toEqual(['planted'])
    expect(kinds('d-a-n-a w-h-i-t-f-i-e-l-d', planted)).toEqual(['planted'])
    expect(kinds(Buffer.from('Dana Whitfield').toString('base64'), planted)).toEqual(['planted'])
    expect(kinds('card 4000001234567899', planted)).toEqual(['card', 'planted'])
    expect(kinds('nobody here', planted)).toEqual([])
  })

  it('ignores planted strings too short to match safely', () => {
    expect(kinds('Bob was here', ['Bob'])).toEqual([])
  })
})
