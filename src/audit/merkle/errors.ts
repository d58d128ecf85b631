// Every failure of the Merkle and checkpoint code carries a code a caller can branch on and a
// message that says exactly which rule the input broke.
export type MerkleErrorCode =
  | 'invalid_argument'
  | 'index_out_of_range'
  | 'size_out_of_range'
  | 'proof_length'
  | 'root_mismatch'
  | 'malformed_note'
  | 'malformed_checkpoint'
  | 'malformed_key'
  | 'unknown_signer'
  | 'bad_signature'
  | 'origin_mismatch'
  | 'tree_shrank'
  | 'inconsistent'

export class MerkleError extends Error {
  override readonly name = 'MerkleError'
  constructor(
    readonly code: MerkleErrorCode,
    message: string,
  ) {
    super(message)
  }
}
