/** The last `capacity` lines a process wrote on both streams, tagged with the stream, oldest first. */
export class OutputRing {
  readonly #lines: string[] = []
  readonly capacity: number
  constructor(capacity = 200) {
    this.capacity = capacity
  }

  push(line: string): void {
    this.#lines.push(line)
    if (this.#lines.length > this.capacity) this.#lines.splice(0, this.#lines.length - this.capacity)
  }

  /** a copy, oldest first; `last` limits it to the newest lines */
  lines(last?: number): string[] {
    return last === undefined ? [...this.#lines] : this.#lines.slice(-last)
  }
}

/** A line longer than this is cut, so one runaway write cannot hold the whole output in memory. */
const MAX_LINE = 8192

/** Turns chunks of a byte stream into lines; `end()` flushes a last line without a newline. */
export class LineSplitter {
  #partial = ''
  readonly onLine: (line: string) => void
  constructor(onLine: (line: string) => void) {
    this.onLine = onLine
  }

  write(chunk: string): void {
    const parts = (this.#partial + chunk).split('\n')
    this.#partial = parts.pop() ?? ''
    for (const line of parts) this.onLine(cut(line.endsWith('\r') ? line.slice(0, -1) : line))
    if (this.#partial.length > MAX_LINE) {
      this.onLine(cut(this.#partial))
      this.#partial = ''
    }
  }

  end(): void {
    if (this.#partial) this.onLine(cut(this.#partial))
    this.#partial = ''
  }
}

function cut(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (${line.length - MAX_LINE} more characters)` : line
}
