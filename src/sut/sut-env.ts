import { InputError } from '../errors.ts'
import type { SutContext } from './sut.ts'

/** `orders` -> `ST_TOPIC_ORDERS`, `page-views.v2` -> `ST_TOPIC_PAGE_VIEWS_V2`. */
export function topicEnvName(name: string): string {
  return `ST_TOPIC_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`
}

/** The environment variables that tell a SUT where everything is. */
export function sutEnv(ctx: SutContext): Record<string, string> {
  const env: Record<string, string> = {
    KAFKA_BROKERS: ctx.brokers.join(','),
    SCHEMA_REGISTRY_URL: ctx.registryUrl,
    ST_RUN_ID: ctx.runId,
    ST_GROUP_ID: ctx.groupId,
    ST_INSTANCE: String(ctx.instance ?? 0),
  }
  const from = new Map<string, string>()
  for (const [name, topic] of Object.entries(ctx.topics)) {
    const key = topicEnvName(name)
    const other = from.get(key)
    if (other !== undefined) {
      throw new InputError(`topics "${other}" and "${name}" both map to the environment variable ${key}`, {
        path: `topics.${name}`,
        expected: 'topic names that differ in more than case and punctuation',
        found: `"${other}" and "${name}"`,
      })
    }
    from.set(key, name)
    env[key] = topic
  }
  return env
}

/** The placeholder values, by the name written between `{{ }}`. */
function placeholders(ctx: SutContext): Map<string, string> {
  const values = new Map<string, string>([
    ['brokers', ctx.brokers.join(',')],
    ['registry', ctx.registryUrl],
    ['group', ctx.groupId],
    ['runId', ctx.runId],
    ['instance', String(ctx.instance ?? 0)],
  ])
  for (const [name, topic] of Object.entries(ctx.topics)) values.set(`topics.${name}`, topic)
  return values
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g

/**
 * Replace `{{brokers}}`, `{{registry}}`, `{{group}}`, `{{runId}}`, `{{instance}}` and `{{topics.<name>}}` in one string.
 * `path` names where the string came from, for the error (e.g. `sut.args[2]`).
 */
export function renderTemplate(text: string, ctx: SutContext, path: string): string {
  const values = placeholders(ctx)
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values.get(name)
    if (value === undefined) {
      throw new InputError(`unknown placeholder ${whole} in "${text}"`, {
        path,
        expected: `one of ${[...values.keys()].map((k) => `{{${k}}}`).join(', ')}`,
        found: whole,
      })
    }
    return value
  })
}

/** Render every SUT argument; see `renderTemplate`. */
export function renderArgs(args: readonly string[], ctx: SutContext): string[] {
  return args.map((arg, i) => renderTemplate(arg, ctx, `sut.args[${i}]`))
}
