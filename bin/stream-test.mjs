#!/usr/bin/env node
// The CLI is compiled JavaScript: dist/cli/main.js (`npm run build`; `npm ci` and `npm pack` build it).
// Only in a source checkout (tsconfig.json is not in the package) whose src/ changed since the last build
// does it run src/ through tsx instead, so edits are live without a rebuild.
import { existsSync, readdirSync, statSync } from 'node:fs'

const root = new URL('../', import.meta.url)
const built = new URL('dist/cli/main.js', root)

function stale() {
  if (!existsSync(new URL('tsconfig.json', root))) return false
  if (!existsSync(built)) return true
  const builtAt = statSync(built).mtimeMs
  const src = new URL('src/', root)
  return readdirSync(src, { recursive: true }).some((f) => statSync(new URL(f, src)).mtimeMs > builtAt)
}

if (stale()) {
  const { register } = await import('tsx/esm/api')
  register()
  await import(new URL('src/cli/main.ts', root).href)
} else {
  await import(built.href)
}
