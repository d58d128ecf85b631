// modelgate verify: check a promotion's signed verdict offline. The envelope comes from the
// service or a file; the key should be pinned (--key): a key fetched from the same service
// that signed proves only that the service said so.
import { readFile } from 'node:fs/promises'
import { IN_TOTO_PAYLOAD_TYPE, TEST_RESULT_V0_1, trustedKeyFromPem, verifyDsse, type TrustedKey, type VerdictStatement } from '../../provenance/index.js'
import type { Client } from '../client.js'
import { CliError, EXIT } from '../exit-codes.js'

export interface VerifyOptions {
  envelope?: string
  key?: string
  digest?: string
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    throw new CliError(`cannot read the ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
}

export async function verifyCommand(client: Client | undefined, id: string | undefined, o: VerifyOptions, io: { print: (s: string) => void }): Promise<number> {
  let envelope: unknown
  if (o.envelope) {
    try {
      envelope = JSON.parse(await readText(o.envelope, 'envelope'))
    } catch (err) {
      if (err instanceof CliError) throw err
      io.print(`INVALID: the envelope is not JSON`)
      return EXIT.refused
    }
  } else {
    if (!client || !id) throw new CliError('give a promotion id (and --url), or --envelope FILE')
    envelope = (await client.get(`/v1/promotions/${encodeURIComponent(id)}/attestation`)).body
  }
  let key: TrustedKey
  try {
    if (o.key) key = trustedKeyFromPem(await readText(o.key, 'key'))
    else {
      if (!client) throw new CliError('give the service\'s public key with --key FILE to verify offline')
      io.print('note: using the key served by the service itself; pin it with --key to verify independently')
      key = trustedKeyFromPem((await client.get<{ publicKeyPem: string }>('/v1/signing-key')).body.publicKeyPem)
    }
  } catch (err) {
    if (err instanceof CliError) throw err
    throw new CliError(`the key is not a usable public key: ${(err as Error).message}`)
  }

  const checked = verifyDsse(envelope, [key])
  if (!checked.ok) {
    io.print(`INVALID: ${checked.detail}`)
    return EXIT.refused
  }
  if (checked.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    io.print(`INVALID: payload type ${checked.payloadType} is not an in-toto statement`)
    return EXIT.refused
  }
  let statement: VerdictStatement
  try {
    statement = JSON.parse(checked.payload.toString('utf8')) as VerdictStatement
  } catch {
    io.print('INVALID: the signed payload is not JSON')
    return EXIT.refused
  }
  if (statement.predicateType !== TEST_RESULT_V0_1) {
    io.print(`INVALID: predicate type ${statement.predicateType} is not a test result`)
    return EXIT.refused
  }
  const annotations = statement.predicate.configuration[0]?.annotations as { promotionId?: string } | undefined
  if (id && annotations?.promotionId && annotations.promotionId !== id) {
    io.print(`INVALID: the verdict is about promotion ${annotations.promotionId}, not ${id}`)
    return EXIT.refused
  }
  const subject = statement.subject[0]
  if (o.digest && `sha256:${subject?.digest.sha256}` !== o.digest) {
    io.print(`INVALID: the verdict's subject is sha256:${subject?.digest.sha256}, not ${o.digest}`)
    return EXIT.refused
  }
  const p = statement.predicate
  io.print(`signature valid (key ${key.keyId.slice(0, 16)}…): ${subject?.name} sha256:${subject?.digest.sha256}`)
  io.print(`result ${p.result}: ${p.passedTests.length} passed, ${p.warnedTests.length} warned, ${p.failedTests.length} failed${p.failedTests.length ? ` (${p.failedTests.join(', ')})` : ''}`)
  return p.result === 'PASSED' ? EXIT.ok : EXIT.refused
}
