// Writing a typed document to a JSON column: a plain JSON copy (undefined fields dropped,
// dates as strings), which is exactly what the column will hold and read back.
import type { Prisma } from '../generated/prisma/client.js'

export function toJsonColumn(value: object): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue
}
