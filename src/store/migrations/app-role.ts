// Two database roles: the owner (MODELGATE_MIGRATE_DATABASE_URL) creates and alters the tables;
// the app (DATABASE_URL) only reads and writes rows. A role that owns no table cannot ALTER it,
// so it cannot disable the audit tables' append-only triggers; on those tables it gets INSERT
// and SELECT only. Run after every migration, so tables added later are covered too.
import pg from 'pg'

export const AUDIT_TABLES = ['audit_events', 'audit_leaves', 'audit_checkpoints'] as const

export class AppRoleError extends Error {}

/** The role a connection string logs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || process.env.PGUSER || process.env.USER || ''
}

export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; is_owner: boolean }>(
      `SELECT r.rolsuper, r.rolbypassrls, r.rolname = current_user AS is_owner FROM pg_roles r WHERE r.rolname = $1`,
      [appRole],
    )
    const role = rows[0]
    if (!role) throw new AppRoleError(`the app role "${appRole}" does not exist: create it (CREATE ROLE ... LOGIN) before migrating`)
    if (role.is_owner) throw new AppRoleError(`the app role "${appRole}" is the migration role itself: give DATABASE_URL a role of its own`)
    // A superuser can disable any trigger: the separation would be a pretence.
    if (role.rolsuper) throw new AppRoleError(`the app role "${appRole}" is a superuser, which can disable the audit triggers`)
    const owned = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1`, [appRole])
    if (owned.rows[0]!.n > 0) throw new AppRoleError(`the app role "${appRole}" owns ${owned.rows[0]!.n} table(s); the owner must be the migration role`)
    const app = client.escapeIdentifier(appRole)
    const audit = AUDIT_TABLES.map((t) => client.escapeIdentifier(t)).join(', ')
    await client.query('BEGIN')
    await client.query(`GRANT USAGE ON SCHEMA public TO ${app}`)
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`)
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`)
    await client.query(`REVOKE ALL ON ${audit} FROM ${app}`)
    await client.query(`GRANT SELECT, INSERT ON ${audit} TO ${app}`)
    await client.query(`REVOKE ALL ON "_prisma_migrations" FROM ${app}`)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    await client.end()
  }
}
