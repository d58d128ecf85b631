import { describe, expect, it } from 'vitest'
import { scratchDatabaseUrl } from '../../src/store/migrations/index.js'

describe('the database the demo and the API benchmark drop and recreate', () => {
  it('is the tool\'s own database on the server and with the credentials of DATABASE_URL', () => {
    expect(scratchDatabaseUrl({}, 'DEMO_DATABASE_URL', 'modelgate_demo')).toBe('postgresql://postgres@127.0.0.1:5432/modelgate_demo')
    expect(scratchDatabaseUrl({ DATABASE_URL: 'postgresql://app:pw@db.internal:6543/modelgate?sslmode=require' }, 'BENCH_DATABASE_URL', 'modelgate_bench'))
      .toBe('postgresql://app:pw@db.internal:6543/modelgate_bench?sslmode=require')
  })

  it('is the tool\'s variable when set', () => {
    expect(scratchDatabaseUrl({ DEMO_DATABASE_URL: 'postgresql://me@127.0.0.1/demo_2' }, 'DEMO_DATABASE_URL', 'modelgate_demo')).toBe('postgresql://me@127.0.0.1/demo_2')
  })

  it('is never the service\'s own database', () => {
    expect(() => scratchDatabaseUrl({ DEMO_DATABASE_URL: 'postgresql://other@127.0.0.1:5432/modelgate' }, 'DEMO_DATABASE_URL', 'modelgate_demo')).toThrow(/DEMO_DATABASE_URL names the service's own database/)
    expect(() => scratchDatabaseUrl({ DATABASE_URL: 'postgresql://postgres@127.0.0.1/modelgate_bench' }, 'BENCH_DATABASE_URL', 'modelgate_bench')).toThrow(/BENCH_DATABASE_URL names the service's own database/)
  })
})
