// The one esbuild configuration of the modelgate CLI bundle: `npm run build:cli` writes it into
// packages/cli for `npm pack`, and the tests run the CLI subprocesses from a bundle built the
// same way at the start of their run (plain `node` starts it in a fraction of the time tsx
// needs to transpile the source on every spawn).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { build } from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')

/** Bundles src/cli/bin.ts into `outfile`; returns the version it carries. */
export async function bundleCli(outfile: string): Promise<string> {
  const { version } = JSON.parse(await readFile(path.join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }
  await build({
    entryPoints: [path.join(root, 'src/cli/bin.ts')],
    outfile,
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
  return version
}
