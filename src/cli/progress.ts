import cliProgress from 'cli-progress'

export interface Progress {
  update(done: number): void
  stop(): void
}

const EVERY = 10_000

/**
 * Progress of a long read or replay on stderr: a bar when stderr is a terminal, else one line each time
 * another 10k records are done (`record: 20000 of 52340 records`). Short jobs print nothing on a pipe.
 */
export function progressOn(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: `${label} [{bar}] {value}/{total} records, {eta_formatted} left`, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    )
    bar.start(total, 0)
    return { update: (done) => bar.update(done), stop: () => bar.stop() }
  }
  let shown = 0
  return {
    update(done) {
      if (done - shown < EVERY) return
      shown = done - (done % EVERY)
      stream.write(`${label}: ${done} of ${total} records\n`)
    },
    stop() {},
  }
}
