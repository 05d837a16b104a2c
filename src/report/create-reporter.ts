import { ConsoleReporter } from './console.ts'
import { HtmlReporter } from './html/html-reporter.ts'
import { JsonReporter } from './json.ts'
import { JunitReporter } from './junit.ts'
import type { Reporter, ReporterKind, ReporterOptions } from './reporter.ts'

/** The reporter for `--reporter console|json|junit|html`. */
export function createReporter(kind: ReporterKind, opts: ReporterOptions = {}): Reporter {
  switch (kind) {
    case 'console':
      return new ConsoleReporter(opts)
    case 'json':
      return new JsonReporter()
    case 'junit':
      return new JunitReporter()
    case 'html':
      return new HtmlReporter()
  }
}
