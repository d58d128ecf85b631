export type PiiKind = 'card' | 'ssn' | 'email' | 'phone' | 'iban' | 'ip' | 'planted'

export interface PiiFinding {
  kind: PiiKind
  value: string
  // Offset in the output where it starts; absent for planted strings found only after decoding.
  index?: number
}

// A finder reports what it saw and the span it used, so later finders do not report the same
// digits again (a card number is not also a phone number).
export interface Claimed extends PiiFinding { index: number; end: number }
