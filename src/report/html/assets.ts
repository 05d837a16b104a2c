import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What the page inlines: the charting library (uPlot, MIT) with its CSS, and the report's own script and CSS. */
export interface HtmlAssets {
  uplotJs: string
  uplotCss: string
  clientJs: string
  css: string
}

let cached: HtmlAssets | undefined

/** Reads the assets once per process: uPlot's dist files from node_modules, ours from this folder. */
export function loadAssets(): HtmlAssets {
  if (cached) return cached
  const here = dirname(fileURLToPath(import.meta.url))
  const uplotDist = dirname(createRequire(import.meta.url).resolve('uplot'))
  cached = {
    uplotJs: readFileSync(join(uplotDist, 'uPlot.iife.min.js'), 'utf8'),
    uplotCss: readFileSync(join(uplotDist, 'uPlot.min.css'), 'utf8'),
    clientJs: readFileSync(join(here, 'client.js'), 'utf8'),
    css: readFileSync(join(here, 'style.css'), 'utf8'),
  }
  return cached
}
