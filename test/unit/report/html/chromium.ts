import { existsSync } from 'node:fs'

/** Debian's chromium (`apt-get install -y chromium`); playwright-core downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium'
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
export const haveChromium = existsSync(CHROMIUM)
if (!haveChromium) console.warn(`[html report] skipped: ${CHROMIUM} is missing (install it with: apt-get install -y chromium)`)
