// RFC 9162 Merkle trees, C2SP signed notes and checkpoints, and the verifier a witness runs.
// Self-contained: depends on node:crypto only, never on the service.
export { MerkleError, type MerkleErrorCode } from './errors.js'
export { EMPTY_ROOT, HASH_SIZE, leafHash, nodeHash, sameHash, type Hash } from './hash.js'
export { Frontier, rootHash, splitPoint, subtreeRoot } from './tree.js'
export { inclusionProof, rootFromInclusionProof, verifyInclusion } from './inclusion.js'
export { consistencyProof, verifyConsistency } from './consistency.js'
export { ed25519FromRaw, formatVerifierKey, noteKeyId, noteSigner, noteVerifier, openNote, parseVerifierKey, rawEd25519, signNote, strictBase64, type NoteSigner, type NoteVerifierKey } from './note.js'
export { checkpointTime, formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint.js'
export { verifyLogAdvance, type AdvanceVerdict, type LogSource } from './verifier.js'
export { httpLogSource } from './http-source.js'
