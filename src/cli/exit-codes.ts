// The CLI's contract with a pipeline: one exit code per kind of outcome, so a CI step can
// branch on the decision without parsing output.
export const EXIT = {
  /** promote: accepted (no --wait) or promoted; verify: a valid PASSED verdict. */
  ok: 0,
  /** blocked (inconclusive included), rejected, expired, cancelled; verify: invalid or not PASSED. */
  refused: 1,
  /** Waiting for approvals (and not asked to wait for them, or the wait timed out). */
  awaitingApproval: 2,
  /** Bad usage, authentication, or the service failed to answer. */
  error: 3,
} as const

/** An error the CLI reports on one line and turns into exit code 3. */
export class CliError extends Error {
  override name = 'CliError'
  constructor(message: string, readonly exitCode: number = EXIT.error) {
    super(message)
  }
}

export function exitCodeForStatus(status: string): number {
  if (status === 'promoted') return EXIT.ok
  if (status === 'awaiting_approval') return EXIT.awaitingApproval
  if (['blocked', 'rejected', 'expired', 'cancelled'].includes(status)) return EXIT.refused
  return EXIT.error
}
