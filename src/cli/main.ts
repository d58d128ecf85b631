// The modelgate command: what a CI pipeline or an approver calls instead of curl. Every
// subcommand but verify --envelope talks to a modelgate service (--url / MODELGATE_URL) with a
// token (--token / MODELGATE_TOKEN). Exit codes are documented in exit-codes.ts and the README.
import { createRequire } from 'node:module'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { createClient } from './client.js'
import { approveCommand } from './commands/approve.js'
import { casesCommand } from './commands/cases.js'
import { promoteCommand } from './commands/promote.js'
import { rerunCommand } from './commands/rerun.js'
import { statusCommand } from './commands/status.js'
import { verifyCommand } from './commands/verify.js'
import { CliError, EXIT } from './exit-codes.js'

// The bundle gets its version at build time; from source it is the repository's own.
declare const __MODELGATE_CLI_VERSION__: string | undefined
const version = typeof __MODELGATE_CLI_VERSION__ === 'string' ? __MODELGATE_CLI_VERSION__ : (createRequire(import.meta.url)('../../package.json') as { version: string }).version

const positiveInt = (what: string) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) <= 0) throw new InvalidArgumentError(`${what} must be a positive whole number`)
  return Number(v)
}
const collect = (v: string, prev: string[] = []) => [...prev, v]

export function buildProgram(io: { print: (s: string) => void; setExit: (code: number) => void }) {
  const program = new Command('modelgate')
    .description('Promote ML model versions through modelgate, wait for the decision, and verify signed verdicts; or evaluate a model locally before pushing.')
    .version(version)
    // Options belong to the command they follow, so `promote --version 1.4.0` is the model's
    // version, not a request for the CLI's own.
    .enablePositionalOptions()
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.print(s.trimEnd()), writeErr: (s) => process.stderr.write(s) })

  // Every command that talks to the service takes --url and --token (or their variables).
  const connected = (cmd: Command) =>
    cmd
      .addOption(new Option('--url <url>', 'modelgate service URL').env('MODELGATE_URL').default('http://127.0.0.1:8080'))
      .addOption(new Option('--token <token>', 'API key or IdP token').env('MODELGATE_TOKEN'))
  const client = (o: { url: string; token?: string }) => {
    if (!o.token) throw new CliError('no token: pass --token or set MODELGATE_TOKEN')
    return createClient({ url: o.url, token: o.token })
  }

  connected(program.command('promote'))
    .description('upload the model files, request the promotion with its evidence, and optionally wait for the decision')
    .requiredOption('--model <name>', 'registered model name')
    .requiredOption('--version <version>', 'model version')
    .addOption(new Option('--target <env>', 'target environment').choices(['dev', 'staging', 'prod']).makeOptionMandatory())
    .option('--endpoint-url <url>', 'serving endpoint the gates call')
    .addOption(new Option('--endpoint-protocol <protocol>', 'endpoint protocol').choices(['mlflow-invocations', 'openai-chat']))
    .option('--endpoint-model <name>', 'model name sent to an openai-chat endpoint')
    .option('--dataset <name>', 'registered evaluation dataset')
    .option('--output-filter <url>', 'openai-moderation endpoint of the output filter')
    .option('--artifact <file>', 'model file to upload (repeatable; several files are promoted as one set)', collect)
    .option('--artifact-uri <uri>', 'where the artifact is deployed from (recorded on the promotion)')
    .option('--unit-tests <file>', 'JUnit XML of the unit tests')
    .option('--integration-tests <file>', 'JUnit XML of the integration tests')
    .option('--vulnerability-report <file>', 'OSV-Scanner / Trivy / Grype JSON (repeatable)', collect)
    .option('--model-card <file>', 'model card (Markdown with YAML front matter)')
    .option('--provenance <file>', 'provenance (DSSE envelope or Sigstore bundle JSON)')
    .option('--run-id <id>', 'CI run id for the idempotency key (default: from GITHUB_RUN_ID, CI_PIPELINE_ID, ...)')
    .option('--wait', 'follow the promotion to a decision (exit 0 promoted, 1 refused, 2 awaiting approval)')
    .option('--wait-approval', 'with --wait, keep waiting through approvals until --timeout')
    .option('--timeout <seconds>', 'how long --wait waits', positiveInt('--timeout'), 1800)
    .option('--poll-interval <ms>', 'polling interval', positiveInt('--poll-interval'), 2000)
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--markdown <file>', 'write a Markdown summary')
    .action(async (o) => io.setExit(await promoteCommand(client(o), o, { print: io.print, url: o.url })))

  program.command('evaluate')
    .description('run the policy\'s checks in this process against a model endpoint and local files, with no service, database or Redis (exit 0 passed, 1 blocked, 3 usage or unreadable file)')
    .addOption(new Option('--kind <kind>', 'model kind').choices(['classifier', 'llm']).default('classifier'))
    .option('--model <name>', 'model name (the model card must name it)', 'model')
    .option('--version <version>', 'model version (the model card must name it)', 'local')
    .addOption(new Option('--target <env>', 'target environment whose checks the policy runs').choices(['dev', 'staging', 'prod']).default('dev'))
    .option('--endpoint-url <url>', 'serving endpoint to evaluate')
    .addOption(new Option('--endpoint-protocol <protocol>', 'endpoint protocol (default: mlflow-invocations for a classifier, openai-chat for an llm)').choices(['mlflow-invocations', 'openai-chat']))
    .option('--endpoint-model <name>', 'model name sent to an openai-chat endpoint')
    .option('--dataset <file>', 'evaluation dataset: a JSON array of {input, label, group?} or {input, expected} records')
    .option('--output-filter <url>', 'openai-moderation endpoint of the output filter')
    .option('--artifact <file>', 'model file, scanned here as an upload would be')
    .option('--unit-tests <file>', 'JUnit XML of the unit tests')
    .option('--integration-tests <file>', 'JUnit XML of the integration tests')
    .option('--vulnerability-report <file>', 'OSV-Scanner / Trivy / Grype JSON (repeatable)', collect)
    .option('--model-card <file>', 'model card (Markdown with YAML front matter)')
    .option('--provenance <file>', 'provenance (DSSE envelope or Sigstore bundle JSON)')
    .option('--trusted-key <file>', 'public key (PEM) data_provenance trusts (repeatable; none: it fails as with an empty trust store)', collect)
    .option('--policy <file>', 'policy JSON as GET /v1/policy returns it (default: the built-in default policy)')
    .option('--baseline-endpoint <url>', 'endpoint of the version to compare against (regression_test; without it: not_applicable)')
    .option('--concurrency <n>', 'requests in flight to the endpoint', positiveInt('--concurrency'), 8)
    .option('--timeout <seconds>', 'how long the endpoint has to answer one request', positiveInt('--timeout'), 30)
    .option('--json', 'print the full report as JSON (failing cases included)')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--markdown <file>', 'write a Markdown summary')
    .addHelpText('after', `
Every tier runs, even after an earlier one failed (the service stops at the first failing tier),
so one run lists everything that would block the promotion. Sign-offs (red_team_report,
compliance, human_review, risk_assessment, deployment_authorization) are not_applicable offline.`)
    // Loaded on use: the evaluation engine is most of the bundle, and the other commands need none of it.
    .action(async (o) => {
      const { evaluateCommand } = await import('./commands/evaluate.js')
      io.setExit(await evaluateCommand(o, { print: io.print }))
    })

  connected(program.command('status <id>'))
    .description('show a promotion (exit 0 promoted, 1 refused, 2 awaiting approval or still running)')
    .option('--json', 'print the full JSON document')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--markdown <file>', 'write a Markdown summary')
    .action(async (id, o) => io.setExit(await statusCommand(client(o), id, o, { print: io.print, url: o.url })))

  connected(program.command('rerun <id>'))
    .description('re-run a blocked promotion (same request and evidence, the policy in force) and optionally wait for the decision')
    .option('--wait', 'follow the new promotion to a decision (exit 0 promoted, 1 refused, 2 awaiting approval)')
    .option('--timeout <seconds>', 'how long --wait waits', positiveInt('--timeout'), 1800)
    .option('--poll-interval <ms>', 'polling interval', positiveInt('--poll-interval'), 2000)
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--markdown <file>', 'write a Markdown summary')
    .action(async (id, o) => io.setExit(await rerunCommand(client(o), id, o, { print: io.print, url: o.url })))

  connected(program.command('approve <id>'))
    .description('approve (or --reject) a required role of a promotion as yourself')
    .requiredOption('--role <role>', 'the role you sign for')
    .option('--reject', 'reject instead of approve')
    .option('--comment <text>', 'comment recorded with the decision')
    .option('--review-digest <digest>', 'the review digest of what you reviewed (default: the current one, shown before signing)')
    .action(async (id, o) => io.setExit(await approveCommand(client(o), id, o, { print: io.print })))

  connected(program.command('cases <id> <checkId>'))
    .description('list the failing cases a check recorded')
    .option('--limit <n>', 'how many', positiveInt('--limit'), 50)
    .option('--category <name>', 'only this category')
    .option('--json', 'one JSON object per line')
    .action(async (id, checkId, o) => io.setExit(await casesCommand(client(o), id, checkId, o, { print: io.print })))

  connected(program.command('verify [id]'))
    .description("verify a promotion's signed verdict (exit 0 valid and PASSED, 1 invalid or not PASSED)")
    .option('--envelope <file>', 'verify this DSSE envelope instead of fetching it')
    .option('--key <file>', "the service's public key (PEM) to pin")
    .option('--digest <sha256:hex>', 'require the verdict to be about this artifact digest')
    .action(async (id, o) => {
      const c = o.envelope && o.key ? undefined : createClient({ url: o.url, token: o.token })
      io.setExit(await verifyCommand(c, id, o, { print: io.print }))
    })

  return program
}

export async function run(argv: string[], io = { print: (s: string) => console.log(s) }): Promise<number> {
  let code: number = EXIT.ok
  const program = buildProgram({ print: io.print, setExit: (c) => (code = c) })
  try {
    await program.parseAsync(argv, { from: 'user' })
    return code
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.error
    if (err instanceof CliError) {
      process.stderr.write(`modelgate: ${err.message}\n`)
      return err.exitCode
    }
    process.stderr.write(`modelgate: ${(err as Error).stack ?? String(err)}\n`)
    return EXIT.error
  }
}

/**
 * Parses a command line against the CLI's options without running it: null when it would be
 * accepted, else the reason. The CI examples are checked with it.
 */
export async function checkUsage(argv: string[]): Promise<string | null> {
  const parsed = Symbol('parsed')
  const program = buildProgram({ print: () => {}, setExit: () => {} })
  program.hook('preAction', () => {
    throw parsed
  })
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} })
  program.configureOutput({ writeOut: () => {}, writeErr: () => {} })
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 'the command line ran no command'
  } catch (err) {
    if (err === parsed) return null
    return err instanceof Error ? err.message : String(err)
  }
}
