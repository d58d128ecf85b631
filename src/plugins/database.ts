// The Postgres resource: one pool for the app, closed with it.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createDatabase, type Database } from '../store/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database
  }
}

export const databasePlugin = fp(async function database(app: FastifyInstance, opts: { url: string; max: number; idleMs: number; db?: Database }) {
  const db = opts.db ?? createDatabase(opts.url, { max: opts.max, idleMs: opts.idleMs })
  app.decorate('db', db)
  // A database handed in by the caller (a test, main.ts) is the caller's to close.
  if (!opts.db) app.addHook('onClose', async () => db.close())
}, { name: 'database' })
