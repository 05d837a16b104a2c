import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]

/** `[text](target)` links outside code spans and fences; absolute URLs are not ours to check. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t))
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as `-`. */
function anchors(markdown: string): Set<string> {
  const headings = [...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1] as string)
  return new Set(headings.map((h) => h.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')))
}

test('README.md has no path out of the repository and links to the architecture page', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  expect(readme).not.toMatch(/\.\.\/shared|DESIGN\.md/)
  expect(relativeLinks(readme)).toContain('docs/architecture.md')
})

test.each(PAGES)('every relative link in %s resolves to a file (and heading) inside the repository', (page) => {
  const text = readFileSync(join(ROOT, page), 'utf8')
  const links = relativeLinks(text)
  if (page === 'README.md') expect(links.length).toBeGreaterThan(0)
  for (const link of links) {
    const [path = '', anchor] = link.split('#')
    const target = path === '' ? join(ROOT, page) : resolve(ROOT, dirname(page), decodeURI(path))
    const inside = relative(ROOT, target)
    expect(inside.startsWith('..'), `${page}: ${link} leaves the repository`).toBe(false)
    expect(existsSync(target), `${page}: ${link} names no file`).toBe(true)
    if (anchor && target.endsWith('.md')) expect(anchors(readFileSync(target, 'utf8')).has(anchor), `${page}: ${link} names no heading`).toBe(true)
  }
})
