import { randomBytes } from 'node:crypto'
import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * A node's data dir, copied from the formatted template (one JVM launch saved per node). The template
 * holds the cluster id, the bootstrap metadata checkpoint (no ports, no voters: the quorum is static)
 * and meta.properties, where only `node.id` and `directory.id` differ from node to node.
 */
export async function copyNodeStorage(template: string, dataDir: string, nodeId: number): Promise<void> {
  await cp(template, dataDir, { recursive: true })
  const metaFile = join(dataDir, 'meta.properties')
  const meta = await readFile(metaFile, 'utf8')
  await writeFile(metaFile, rewriteMeta(meta, nodeId, randomDirectoryId()))
}

export function rewriteMeta(meta: string, nodeId: number, directoryId: string): string {
  return meta
    .split('\n')
    .map((line) => (line.startsWith('node.id=') ? `node.id=${nodeId}` : line.startsWith('directory.id=') ? `directory.id=${directoryId}` : line))
    .join('\n')
}

/** A Kafka Uuid as base64url without padding (not one of the reserved ids, which start with zero bytes). */
function randomDirectoryId(): string {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0]! | 0x10) & 0x7f
  return bytes.toString('base64url')
}
