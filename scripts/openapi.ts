// Writes openapi/openapi.json from the route schemas (`npm run openapi`), or with --check
// fails when the committed file differs from what the routes declare.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'openapi', 'openapi.json')

export async function renderOpenApi(): Promise<string> {
  // The document depends only on the routes, so no admin key and no live connections.
  const app = await buildApp({ config: loadConfig({ ...process.env, MODELGATE_ADMIN_KEY: '' }), resealSecrets: false })
  await app.ready()
  const doc = app.swagger()
  await app.close()
  return `${JSON.stringify(doc, null, 2)}\n`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const rendered = await renderOpenApi()
  if (process.argv.includes('--check')) {
    const committed = await readFile(OUT, 'utf8').catch(() => '')
    if (committed !== rendered) {
      console.error('openapi/openapi.json is stale: run `npm run openapi` and commit the result')
      process.exit(1)
    }
    console.log('openapi/openapi.json is up to date')
  } else {
    await writeFile(OUT, rendered)
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`)
  }
}
