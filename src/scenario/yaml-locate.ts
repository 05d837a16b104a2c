import { isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'
import type { IssuePath } from './issues.ts'

export interface Position {
  line: number
  column: number
}

/** Where a scenario path is in the YAML: a function of the path, for error messages. */
export type Locate = (path: IssuePath, opts?: { key?: boolean }) => Position | undefined

/**
 * Walk `path` through the YAML document and return the position of the node it names; when the path
 * goes further than the document (a missing key), the position of the deepest node that exists. With
 * `key`, the position of the last segment's key rather than its value (for unknown keys).
 */
export function yamlLocator(doc: Document, lc: LineCounter): Locate {
  return (path, opts) => {
    let node: unknown = doc.contents
    let best: Node | undefined = isNode(node) ? node : undefined
    for (const [i, seg] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg))
        if (!pair) break
        if (opts?.key && i === path.length - 1 && isNode(pair.key)) {
          best = pair.key
          break
        }
        node = pair.value
        if (isNode(pair.value) && pair.value.range && !isEmpty(pair.value)) best = pair.value
        else if (isNode(pair.key)) {
          best = pair.key
          break
        }
      } else if (isSeq(node)) {
        const item = typeof seg === 'number' ? node.items[seg] : undefined
        if (!isNode(item)) break
        node = item
        best = item
      } else break
    }
    const offset = best?.range?.[0]
    if (offset === undefined) return undefined
    const { line, col } = lc.linePos(offset)
    return { line, column: col }
  }
}

/** `key:` with nothing after it: a null scalar of zero length; its key is the better place to point at. */
function isEmpty(n: Node): boolean {
  return isScalar(n) && n.value === null && n.range !== undefined && n.range !== null && n.range[0] === n.range[1]
}
