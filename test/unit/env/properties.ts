/** server.properties text as a map; every non-empty line must be key=value. */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.split('\n')) {
    if (line === '') continue
    const eq = line.indexOf('=')
    if (eq <= 0) throw new Error(`not a key=value line: ${line}`)
    out.set(line.slice(0, eq), line.slice(eq + 1))
  }
  return out
}
