// Bundles the modelgate CLI into one JavaScript file with no runtime dependencies, in
// packages/cli, so another repository's pipeline installs it from `npm pack` of that folder
// (or straight from this repository) without tsx, Prisma or anything else of the service.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { build } from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')
const { version } = JSON.parse(await readFile(path.join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }

await build({
  entryPoints: [path.join(root, 'src/cli/bin.ts')],
  outfile: path.join(root, 'packages/cli/modelgate.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Whitespace and comments only: names stay readable in a stack trace, and the comments of
  // bundled libraries (JSDoc such as `@type {import('./cache')…}`) do not read as imports.
  minifyWhitespace: true,
  legalComments: 'inline',
  define: { __MODELGATE_CLI_VERSION__: JSON.stringify(version) },
  // Bundled CommonJS dependencies call require() for Node's built-ins; ESM has none.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
})
console.log(`packages/cli/modelgate.mjs (modelgate ${version})`)
