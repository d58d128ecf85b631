// Environment parsed once, typed, and validated at start: a bad value stops the process with
// a message that names the variable, rather than surfacing later as a confusing failure.

export interface Config {
  databaseUrl: string
  redisUrl: string
  port: number
  host: string
  logLevel: string
  adminKey: string | undefined
  endpointAllowlist: string[]
  approvalTtlSeconds: number
  bodyLimitBytes: number
  rateLimitPerMinute: number
  workerConcurrency: number
  reconcileIntervalMs: number
  reconcileStaleAfterMs: number
  apiKeyCacheTtlMs: number
  queuePrefix: string
  webhookAttempts: number
  webhookBackoffMs: number
  webhookTimeoutMs: number
  outboxIntervalMs: number
  evalConcurrency: number
  evalBatchSize: number
  evalTimeoutMs: number
  evalRetries: number
  artifactDir: string | null
  artifactMaxBytes: number
  signingKeyPath: string
  dbPoolMax: number
  /** How long an unused pooled connection is kept, ms. */
  dbPoolIdleMs: number
  migrateDatabaseUrl: string
  auditOrigin: string
  auditCheckpointFile: string | null
  auditIntegrateIntervalMs: number
  auditBatchSize: number
  authFailuresPerMinute: number
  secretKey: string | undefined
  secretKeyPrevious: string | undefined
  secretKeyPath: string
  production: boolean
  /** The organization's identity provider, or null when humans use API keys too. */
  oidc: OidcConfig | null
}

export interface OidcConfig {
  issuer: string
  audience: string
  /** An https/http URL of the IdP's JWKS, or a local file holding it (offline use). */
  jwks: { url: string } | { file: string }
  /** The claim whose values (a string or a list) map to modelgate roles. */
  rolesClaim: string
  /** IdP claim value → modelgate role; a value equal to a role's name maps to that role. */
  roleMap: Record<string, string>
  algorithms: string[]
}

export class ConfigError extends Error {}

// The role names, spelt here so that configuration stays free of domain imports.
const ROLE_NAMES = ['admin', 'ci', 'model_owner', 'ml_lead', 'security_lead', 'compliance_officer', 'cto', 'red_team', 'viewer']

type Env = Record<string, string | undefined>

function int(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`)
  const value = Number(raw)
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`)
  return value
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const raw = env[name] || fallback
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError(`${name} is not a URL`)
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got ${parsed.protocol}`)
  }
  return raw
}

const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']

function oidc(env: Env): OidcConfig | null {
  const issuer = env.MODELGATE_OIDC_ISSUER || undefined
  const audience = env.MODELGATE_OIDC_AUDIENCE || undefined
  const jwks = env.MODELGATE_OIDC_JWKS || undefined
  if (!issuer && !audience && !jwks) return null
  if (!issuer || !audience || !jwks) {
    throw new ConfigError('MODELGATE_OIDC_ISSUER, MODELGATE_OIDC_AUDIENCE and MODELGATE_OIDC_JWKS are set together (or none of them)')
  }
  const roleMap: Record<string, string> = {}
  for (const pair of (env.MODELGATE_OIDC_ROLE_MAP ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf('=')
    if (at <= 0 || at === pair.length - 1) throw new ConfigError(`MODELGATE_OIDC_ROLE_MAP entries are "<claim value>=<role>", got "${pair}"`)
    const role = pair.slice(at + 1)
    if (!ROLE_NAMES.includes(role)) throw new ConfigError(`MODELGATE_OIDC_ROLE_MAP maps to an unknown role "${role}"`)
    roleMap[pair.slice(0, at)] = role
  }
  const algorithms = (env.MODELGATE_OIDC_ALGORITHMS ?? 'RS256,PS256,ES256,EdDSA').split(',').map((a) => a.trim()).filter(Boolean)
  const unknown = algorithms.filter((a) => !OIDC_ALGORITHMS.includes(a))
  if (unknown.length > 0 || algorithms.length === 0) throw new ConfigError(`MODELGATE_OIDC_ALGORITHMS must list some of ${OIDC_ALGORITHMS.join(', ')}; got ${unknown.join(', ') || 'none'}`)
  let source: OidcConfig['jwks']
  if (/^https?:\/\//i.test(jwks)) source = { url: url(env, 'MODELGATE_OIDC_JWKS', jwks, ['https:', 'http:']) }
  else source = { file: jwks.startsWith('file://') ? new URL(jwks).pathname : jwks }
  return { issuer, audience, jwks: source, rolesClaim: env.MODELGATE_OIDC_ROLES_CLAIM || 'groups', roleMap, algorithms }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

export function loadConfig(env: Env = process.env): Config {
  const logLevel = env.LOG_LEVEL || 'info'
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)
  const adminKey = env.MODELGATE_ADMIN_KEY || undefined
  if (adminKey !== undefined && adminKey.length < 16) {
    throw new ConfigError('MODELGATE_ADMIN_KEY must be at least 16 characters')
  }
  const secretKey = env.MODELGATE_SECRET_KEY || undefined
  const secretKeyPrevious = env.MODELGATE_SECRET_KEY_PREVIOUS || undefined
  for (const [name, value] of [['MODELGATE_SECRET_KEY', secretKey], ['MODELGATE_SECRET_KEY_PREVIOUS', secretKeyPrevious]] as const) {
    if (value !== undefined && value.length < 32) throw new ConfigError(`${name} must be at least 32 characters`)
  }
  const allowlist = (env.MODELGATE_ENDPOINT_ALLOWLIST ?? '127.0.0.1,localhost,::1')
    .split(',')
    .map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, ''))
    .filter(Boolean)
  const auditOrigin = env.MODELGATE_AUDIT_ORIGIN || 'modelgate/audit'
  // The origin doubles as the signed-note key name, which allows no spaces and no '+'.
  if (/[\s+]/u.test(auditOrigin)) throw new ConfigError('MODELGATE_AUDIT_ORIGIN must contain no spaces and no "+"')
  const databaseUrl = url(env, 'DATABASE_URL', 'postgresql://postgres@127.0.0.1:5432/modelgate', ['postgresql:', 'postgres:'])
  return {
    databaseUrl,
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    port: int(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    logLevel,
    adminKey,
    endpointAllowlist: allowlist,
    approvalTtlSeconds: int(env, 'MODELGATE_APPROVAL_TTL_SECONDS', 172_800, 1),
    bodyLimitBytes: int(env, 'MODELGATE_BODY_LIMIT_BYTES', 5 * 1024 * 1024, 1024),
    rateLimitPerMinute: int(env, 'MODELGATE_RATE_LIMIT_PER_MINUTE', 6000, 1),
    workerConcurrency: int(env, 'MODELGATE_WORKER_CONCURRENCY', 8, 1, 256),
    reconcileIntervalMs: int(env, 'MODELGATE_RECONCILE_INTERVAL_MS', 10_000, 100),
    reconcileStaleAfterMs: int(env, 'MODELGATE_RECONCILE_STALE_AFTER_MS', 30_000, 0),
    apiKeyCacheTtlMs: int(env, 'MODELGATE_API_KEY_CACHE_TTL_MS', 30_000, 0),
    queuePrefix: env.MODELGATE_QUEUE_PREFIX || 'modelgate',
    webhookAttempts: int(env, 'MODELGATE_WEBHOOK_ATTEMPTS', 8, 1, 50),
    webhookBackoffMs: int(env, 'MODELGATE_WEBHOOK_BACKOFF_MS', 2_000, 1),
    webhookTimeoutMs: int(env, 'MODELGATE_WEBHOOK_TIMEOUT_MS', 10_000, 100),
    outboxIntervalMs: int(env, 'MODELGATE_OUTBOX_INTERVAL_MS', 500, 10),
    evalConcurrency: int(env, 'MODELGATE_EVAL_CONCURRENCY', 8, 1, 256),
    evalBatchSize: int(env, 'MODELGATE_EVAL_BATCH_SIZE', 32, 1, 10_000),
    evalTimeoutMs: int(env, 'MODELGATE_EVAL_TIMEOUT_MS', 30_000, 100),
    evalRetries: int(env, 'MODELGATE_EVAL_RETRIES', 3, 0, 10),
    artifactDir: (env.MODELGATE_ARTIFACT_DIR ?? 'var/artifacts') === 'none' ? null : env.MODELGATE_ARTIFACT_DIR || 'var/artifacts',
    artifactMaxBytes: int(env, 'MODELGATE_ARTIFACT_MAX_BYTES', 4 * 1024 ** 3, 1),
    signingKeyPath: env.MODELGATE_SIGNING_KEY_PATH || 'var/signing-key.pem',
    dbPoolMax: int(env, 'MODELGATE_DB_POOL_MAX', 20, 1, 1000),
    dbPoolIdleMs: 1000 * int(env, 'MODELGATE_DB_POOL_IDLE_SECONDS', 300, 1, 86_400),
    migrateDatabaseUrl: url(env, 'MODELGATE_MIGRATE_DATABASE_URL', databaseUrl, ['postgresql:', 'postgres:']),
    auditOrigin,
    auditCheckpointFile: env.MODELGATE_AUDIT_CHECKPOINT_FILE || null,
    auditIntegrateIntervalMs: int(env, 'MODELGATE_AUDIT_INTEGRATE_INTERVAL_MS', 1_000, 50),
    auditBatchSize: int(env, 'MODELGATE_AUDIT_BATCH_SIZE', 1_000, 1, 10_000),
    authFailuresPerMinute: int(env, 'MODELGATE_AUTH_FAILURES_PER_MINUTE', 30, 1),
    secretKey,
    secretKeyPrevious,
    secretKeyPath: env.MODELGATE_SECRET_KEY_PATH || 'var/secret-key',
    production: env.NODE_ENV === 'production',
    oidc: oidc(env),
  }
}

/** Every variable loadConfig reads, with its default and meaning (the README's table). */
export const CONFIG_VARIABLES: ReadonlyArray<{ name: string; default: string; description: string }> = [
  { name: 'DATABASE_URL', default: 'postgresql://postgres@127.0.0.1:5432/modelgate', description: 'Postgres connection string' },
  { name: 'REDIS_URL', default: 'redis://127.0.0.1:6379', description: 'Redis for the BullMQ queues' },
  { name: 'PORT', default: '8080', description: 'HTTP port of the API' },
  { name: 'HOST', default: '127.0.0.1', description: 'interface the API listens on' },
  { name: 'LOG_LEVEL', default: 'info', description: 'pino level: fatal, error, warn, info, debug, trace, silent' },
  { name: 'MODELGATE_ADMIN_KEY', default: '(unset)', description: 'if set (16+ characters), an `admin` principal with this API key exists' },
  { name: 'MODELGATE_ENDPOINT_ALLOWLIST', default: '127.0.0.1,localhost,::1', description: 'hosts the service may call: model endpoints, output filters, judge models and webhooks, all through one check; `*.example.internal` allows subdomains' },
  { name: 'MODELGATE_APPROVAL_TTL_SECONDS', default: '172800', description: 'how long a promotion awaits approvals before it expires' },
  { name: 'MODELGATE_BODY_LIMIT_BYTES', default: '5242880', description: 'largest request body accepted (413 beyond)' },
  { name: 'MODELGATE_RATE_LIMIT_PER_MINUTE', default: '6000', description: 'requests per minute per principal after authentication, per client address on public routes (429 beyond)' },
  { name: 'MODELGATE_WORKER_CONCURRENCY', default: '8', description: 'gate jobs one worker process runs at once' },
  { name: 'MODELGATE_RECONCILE_INTERVAL_MS', default: '10000', description: 'how often the worker looks for promotions whose job was lost' },
  { name: 'MODELGATE_RECONCILE_STALE_AFTER_MS', default: '30000', description: 'how long a queued or running promotion may sit unchanged before it is re-driven' },
  { name: 'MODELGATE_API_KEY_CACHE_TTL_MS', default: '30000', description: 'how long a verified API key is cached in memory' },
  { name: 'MODELGATE_QUEUE_PREFIX', default: 'modelgate', description: 'Redis key prefix of the queues' },
  { name: 'MODELGATE_WEBHOOK_ATTEMPTS', default: '8', description: 'delivery attempts per webhook event before it is marked failed' },
  { name: 'MODELGATE_WEBHOOK_BACKOFF_MS', default: '2000', description: 'first retry delay of a webhook delivery; it doubles each attempt' },
  { name: 'MODELGATE_WEBHOOK_TIMEOUT_MS', default: '10000', description: 'how long a webhook receiver has to answer' },
  { name: 'MODELGATE_EVAL_CONCURRENCY', default: '8', description: 'requests in flight to one promotion\'s model endpoint (and output filter) at once' },
  { name: 'MODELGATE_EVAL_BATCH_SIZE', default: '32', description: 'inputs per mlflow-invocations request' },
  { name: 'MODELGATE_EVAL_TIMEOUT_MS', default: '30000', description: 'how long the model endpoint has to answer one request' },
  { name: 'MODELGATE_EVAL_RETRIES', default: '3', description: 'retries (exponential backoff) on 429, 5xx and connection errors' },
  { name: 'MODELGATE_ARTIFACT_DIR', default: 'var/artifacts', description: 'where uploaded model files are kept, by sha256; `none` keeps only their digest and scan report' },
  { name: 'MODELGATE_ARTIFACT_MAX_BYTES', default: '4294967296', description: 'largest model file accepted by the artifact upload (413 beyond)' },
  { name: 'MODELGATE_SIGNING_KEY_PATH', default: 'var/signing-key.pem', description: 'ed25519 key that signs the service\'s verdicts; generated (mode 0600) at first start if missing' },
  { name: 'MODELGATE_DB_POOL_MAX', default: '20', description: 'Postgres connections per pool (the API and the worker each have one)' },
  { name: 'MODELGATE_DB_POOL_IDLE_SECONDS', default: '300', description: 'how long an unused pooled connection is kept open; shorter makes the first requests after every lull pay for new Postgres backends' },
  { name: 'MODELGATE_MIGRATE_DATABASE_URL', default: '(DATABASE_URL)', description: 'connection string of the role that owns the tables, used by `npm run db:migrate`; when it differs from `DATABASE_URL`, the app role is granted only what it needs (see "Audit trail")' },
  { name: 'MODELGATE_AUDIT_ORIGIN', default: 'modelgate/audit', description: 'name of the audit log in its signed checkpoints (the origin line and the signature\'s key name)' },
  { name: 'MODELGATE_AUDIT_CHECKPOINT_FILE', default: '(unset)', description: 'if set, every new signed audit checkpoint is appended to this file, one JSON line each' },
  { name: 'MODELGATE_AUDIT_INTEGRATE_INTERVAL_MS', default: '1000', description: 'how often the worker adds new audit events to the Merkle tree and signs a checkpoint' },
  { name: 'MODELGATE_AUDIT_BATCH_SIZE', default: '1000', description: 'audit events integrated per checkpoint at most' },
  { name: 'MODELGATE_AUTH_FAILURES_PER_MINUTE', default: '30', description: 'requests per minute one client address may have refused with 401 before its requests are refused with 429 unread' },
  { name: 'MODELGATE_SECRET_KEY', default: '(generated)', description: 'server secret (32+ characters): seals webhook secrets (AES-256-GCM) and keys the API-key hash (HMAC-SHA256); required when `NODE_ENV=production`, otherwise generated once into `MODELGATE_SECRET_KEY_PATH`' },
  { name: 'MODELGATE_SECRET_KEY_PREVIOUS', default: '(unset)', description: 'the server secret before a rotation: still opens webhook secrets and matches API keys, which are re-sealed and rehashed under the current one' },
  { name: 'MODELGATE_SECRET_KEY_PATH', default: 'var/secret-key', description: 'where the development server secret is generated (mode 0600) when `MODELGATE_SECRET_KEY` is unset' },
  { name: 'NODE_ENV', default: '(unset)', description: '`production` refuses to start without `MODELGATE_SECRET_KEY`' },
  { name: 'MODELGATE_OIDC_ISSUER', default: '(unset)', description: 'the identity provider\'s issuer (`iss`); with AUDIENCE and JWKS, humans sign in with its tokens and approval roles come only from them' },
  { name: 'MODELGATE_OIDC_AUDIENCE', default: '(unset)', description: 'the audience (`aud`) tokens must be issued for' },
  { name: 'MODELGATE_OIDC_JWKS', default: '(unset)', description: 'the identity provider\'s JWKS: an https URL, or a file path for offline use' },
  { name: 'MODELGATE_OIDC_ROLES_CLAIM', default: 'groups', description: 'the token claim whose values map to roles (a value equal to a role name, or one mapped in MODELGATE_OIDC_ROLE_MAP)' },
  { name: 'MODELGATE_OIDC_ROLE_MAP', default: '(unset)', description: 'extra `<claim value>=<role>` pairs, comma-separated, e.g. `ml-leads=ml_lead,sre=viewer`' },
  { name: 'MODELGATE_OIDC_ALGORITHMS', default: 'RS256,PS256,ES256,EdDSA', description: 'signature algorithms accepted on identity tokens (never `none`, never HMAC)' },
  { name: 'MODELGATE_OUTBOX_INTERVAL_MS', default: '500', description: 'how often committed webhook events are moved onto the delivery queue' },
]
