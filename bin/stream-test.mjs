#!/usr/bin/env node
// The bin is a shim: TypeScript sources run through tsx; the CLI lives in src/cli.
import { register } from 'tsx/esm/api'
register()
await import('../src/cli/main.ts')
