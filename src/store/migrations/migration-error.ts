/** A migration problem the operator has to act on; its message says what to do. */
export class MigrationError extends Error {
  override name = 'MigrationError'
}
