/** The few styles the console report uses; identity functions when color is off. */
export interface Paint {
  green(s: string): string
  red(s: string): string
  yellow(s: string): string
  cyan(s: string): string
  dim(s: string): string
  bold(s: string): string
}

const code = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`
const plain = (s: string) => s

export function paint(color: boolean): Paint {
  if (!color) return { green: plain, red: plain, yellow: plain, cyan: plain, dim: plain, bold: plain }
  return {
    green: code(32, 39), red: code(31, 39), yellow: code(33, 39), cyan: code(36, 39),
    dim: code(2, 22), bold: code(1, 22),
  }
}

/** Removes ANSI escape sequences (SUT output often carries them). */
export function stripAnsi(s: string): string {
  return s.replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '').replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '')
}
