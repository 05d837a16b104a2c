/**
 * Poll `condition` every `intervalMs` until it is true. Rejects with `onTimeout()` after `timeoutMs`, or
 * with `abort`'s reason as soon as that promise rejects (e.g. the process exited while we waited).
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  opts: { intervalMs: number; timeoutMs: number; onTimeout: () => Error; abort?: Promise<never> },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs
  let stopped = false
  const abort = opts.abort?.finally(() => {
    stopped = true
  })
  const poll = async (): Promise<void> => {
    for (;;) {
      if (stopped) return
      if (await condition()) return
      if (Date.now() >= deadline) throw opts.onTimeout()
      await new Promise((r) => setTimeout(r, Math.min(opts.intervalMs, Math.max(1, deadline - Date.now()))))
    }
  }
  try {
    await (abort ? Promise.race([poll(), abort]) : poll())
  } finally {
    stopped = true
  }
}

/** A promise that rejects with `error()` after `ms`, unless `cancel()` is called first. */
export function rejectAfter(ms: number, error: () => Error): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms)
  })
  promise.catch(() => {})
  return { promise, cancel: () => clearTimeout(timer) }
}
