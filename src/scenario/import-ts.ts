import { pathToFileURL } from 'node:url'

/**
 * Imports a user's TypeScript module (a `*.scenario.ts`). Run from the sources, the host already loads
 * TypeScript (tsx, vitest), so a plain import. Run compiled, from an installed package, Node may not
 * load TypeScript at all (Node 20) or not the way users write it (`./app.js` naming `app.ts`), so tsx
 * loads it, scoped to this import; tsx is only loaded here, on the first `.ts` scenario.
 */
export async function importTs(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href
  if (import.meta.url.endsWith('.ts')) return import(url)
  const { tsImport } = await import('tsx/esm/api')
  return tsImport(url, import.meta.url)
}
