#!/usr/bin/env node
// The executable behind `modelgate`; all the logic is in main.ts, which tests call directly.
import { run } from './main.js'

process.exitCode = await run(process.argv.slice(2))
