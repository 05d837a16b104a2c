import { getContainerRuntimeClient } from 'testcontainers'

/** Does a container engine answer? Returns the reason when not, for a printed skip or an `auto` choice. */
export async function dockerEngine(timeoutMs = 5000): Promise<{ ok: true } | { ok: false; reason: string }> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
      }),
    ])
    return { ok: true }
  } catch (err) {
    return { ok: false, reason: `no container engine answers (${(err as Error).message.split('\n')[0]})` }
  } finally {
    clearTimeout(timer)
  }
}
