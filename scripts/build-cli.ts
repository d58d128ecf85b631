// Bundles the modelgate CLI into one JavaScript file with no runtime dependencies, in
// packages/cli, so another repository's pipeline installs it from `npm pack` of that folder
// (or straight from this repository) without tsx, Prisma or anything else of the service.
import path from 'node:path'
import { bundleCli } from './cli-bundle.js'

const root = path.resolve(import.meta.dirname, '..')
const version = await bundleCli(path.join(root, 'packages/cli/modelgate.mjs'))
console.log(`packages/cli/modelgate.mjs (modelgate ${version})`)
