/**
 * How an opcode's argument is laid out in the stream (pickletools' ArgumentDescriptor, reduced to
 * what a reader needs to find the next opcode).
 */
export type ArgKind =
  | 'none'
  | 'u1'
  | 'u2'
  | 'i4'
  | 'u4'
  | 'u8'
  | 'f8'
  /** One newline-terminated line. */
  | 'line'
  /** Two newline-terminated lines (module, name). */
  | 'line2'
  /** A length (1, 4 or 8 bytes, little-endian) then that many bytes. */
  | 'len1'
  | 'len4'
  | 'len4s'
  | 'len8'

/** What the payload of a length-prefixed or line argument means, for the symbolic machine. */
export type PayloadKind = 'utf8' | 'latin1' | 'bytes' | 'long' | 'other'

export interface OpcodeInfo {
  name: string
  arg: ArgKind
  payload?: PayloadKind
}

const TABLE: Record<string, OpcodeInfo> = {
  '(': { name: 'MARK', arg: 'none' },
  '.': { name: 'STOP', arg: 'none' },
  '0': { name: 'POP', arg: 'none' },
  '1': { name: 'POP_MARK', arg: 'none' },
  '2': { name: 'DUP', arg: 'none' },
  F: { name: 'FLOAT', arg: 'line' },
  I: { name: 'INT', arg: 'line' },
  J: { name: 'BININT', arg: 'i4' },
  K: { name: 'BININT1', arg: 'u1' },
  L: { name: 'LONG', arg: 'line' },
  M: { name: 'BININT2', arg: 'u2' },
  N: { name: 'NONE', arg: 'none' },
  P: { name: 'PERSID', arg: 'line' },
  Q: { name: 'BINPERSID', arg: 'none' },
  R: { name: 'REDUCE', arg: 'none' },
  S: { name: 'STRING', arg: 'line' },
  T: { name: 'BINSTRING', arg: 'len4s', payload: 'latin1' },
  U: { name: 'SHORT_BINSTRING', arg: 'len1', payload: 'latin1' },
  V: { name: 'UNICODE', arg: 'line' },
  X: { name: 'BINUNICODE', arg: 'len4', payload: 'utf8' },
  a: { name: 'APPEND', arg: 'none' },
  b: { name: 'BUILD', arg: 'none' },
  c: { name: 'GLOBAL', arg: 'line2' },
  d: { name: 'DICT', arg: 'none' },
  '}': { name: 'EMPTY_DICT', arg: 'none' },
  e: { name: 'APPENDS', arg: 'none' },
  g: { name: 'GET', arg: 'line' },
  h: { name: 'BINGET', arg: 'u1' },
  i: { name: 'INST', arg: 'line2' },
  j: { name: 'LONG_BINGET', arg: 'u4' },
  l: { name: 'LIST', arg: 'none' },
  ']': { name: 'EMPTY_LIST', arg: 'none' },
  o: { name: 'OBJ', arg: 'none' },
  p: { name: 'PUT', arg: 'line' },
  q: { name: 'BINPUT', arg: 'u1' },
  r: { name: 'LONG_BINPUT', arg: 'u4' },
  s: { name: 'SETITEM', arg: 'none' },
  t: { name: 'TUPLE', arg: 'none' },
  ')': { name: 'EMPTY_TUPLE', arg: 'none' },
  u: { name: 'SETITEMS', arg: 'none' },
  G: { name: 'BINFLOAT', arg: 'f8' },
  // Protocol 2
  '\x80': { name: 'PROTO', arg: 'u1' },
  '\x81': { name: 'NEWOBJ', arg: 'none' },
  '\x82': { name: 'EXT1', arg: 'u1' },
  '\x83': { name: 'EXT2', arg: 'u2' },
  '\x84': { name: 'EXT4', arg: 'i4' },
  '\x85': { name: 'TUPLE1', arg: 'none' },
  '\x86': { name: 'TUPLE2', arg: 'none' },
  '\x87': { name: 'TUPLE3', arg: 'none' },
  '\x88': { name: 'NEWTRUE', arg: 'none' },
  '\x89': { name: 'NEWFALSE', arg: 'none' },
  '\x8a': { name: 'LONG1', arg: 'len1', payload: 'long' },
  '\x8b': { name: 'LONG4', arg: 'len4s', payload: 'long' },
  // Protocol 3
  B: { name: 'BINBYTES', arg: 'len4', payload: 'bytes' },
  C: { name: 'SHORT_BINBYTES', arg: 'len1', payload: 'bytes' },
  // Protocol 4
  '\x8c': { name: 'SHORT_BINUNICODE', arg: 'len1', payload: 'utf8' },
  '\x8d': { name: 'BINUNICODE8', arg: 'len8', payload: 'utf8' },
  '\x8e': { name: 'BINBYTES8', arg: 'len8', payload: 'bytes' },
  '\x8f': { name: 'EMPTY_SET', arg: 'none' },
  '\x90': { name: 'ADDITEMS', arg: 'none' },
  '\x91': { name: 'FROZENSET', arg: 'none' },
  '\x92': { name: 'NEWOBJ_EX', arg: 'none' },
  '\x93': { name: 'STACK_GLOBAL', arg: 'none' },
  '\x94': { name: 'MEMOIZE', arg: 'none' },
  '\x95': { name: 'FRAME', arg: 'u8' },
  // Protocol 5
  '\x96': { name: 'BYTEARRAY8', arg: 'len8', payload: 'bytes' },
  '\x97': { name: 'NEXT_BUFFER', arg: 'none' },
  '\x98': { name: 'READONLY_BUFFER', arg: 'none' },
}

/** Indexed by opcode byte; undefined for bytes that are not opcodes. */
export const OPCODES: readonly (OpcodeInfo | undefined)[] = (() => {
  const table: (OpcodeInfo | undefined)[] = new Array(256).fill(undefined)
  for (const [key, info] of Object.entries(TABLE)) table[key.charCodeAt(0)] = info
  return table
})()

export const HIGHEST_PROTOCOL = 5

/** Fixed argument widths; line and length-prefixed kinds are handled by the reader. */
export const FIXED_WIDTH: Partial<Record<ArgKind, number>> = { none: 0, u1: 1, u2: 2, i4: 4, u4: 4, u8: 8, f8: 8 }

export const LENGTH_WIDTH: Partial<Record<ArgKind, number>> = { len1: 1, len4: 4, len4s: 4, len8: 8 }
