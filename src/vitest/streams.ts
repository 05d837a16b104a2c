import { InputError } from '../errors.ts'
import type { KeyFormat, ValueFormat } from '../kafka/index.ts'
import type { TestRun, TopicHandle } from './test-run.ts'

export interface TopicOptions {
  /** default 1 */
  partitions?: number
  /** how replay() encodes values and collect() decodes them; default json */
  value?: ValueFormat
  key?: KeyFormat
  /** schema text for avro, json-schema and protobuf values (registered under `<topic>-value`) */
  schema?: string
}

/** The `streams` fixture: this test's namespace and the topics in it. */
export interface Streams {
  /** `st.<testId>.` */
  readonly namespace: string
  /** Create `st.<testId>.<name>` and wait until the broker serves it; removed after the test. */
  topic(name: string, options?: TopicOptions): Promise<TopicHandle>
}

const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/

export function createStreams(run: TestRun): Streams {
  return {
    namespace: run.namespace,
    async topic(name, options = {}) {
      if (!NAME.test(name)) {
        throw new InputError(`bad topic name "${name}"`, { expected: 'letters, digits, ".", "_" and "-"', found: JSON.stringify(name) })
      }
      const partitions = options.partitions ?? 1
      const known = run.topics.get(name)
      if (known) {
        if (known.partitions === partitions) return known
        throw new InputError(`topic ${name} already exists in this test with ${known.partitions} partitions`, { expected: String(known.partitions), found: String(partitions) })
      }
      const handle: TopicHandle = {
        name: `${run.namespace}${name}`,
        topic: name,
        partitions,
        format: { partitions, key: options.key ?? 'string', value: options.value ?? 'json', ...(options.schema !== undefined ? { schema: options.schema } : {}) },
      }
      await run.createTopic(handle)
      return handle
    },
  }
}

/** A topic argument: a handle from `streams.topic`, or the short or real name of one. */
export function resolveTopic(run: TestRun, topic: TopicHandle | string): TopicHandle {
  if (typeof topic !== 'string') return topic
  const found = run.topics.get(topic) ?? [...run.topics.values()].find((t) => t.name === topic)
  if (found) return found
  throw new InputError(`topic "${topic}" was not created in this test`, {
    expected: `one of ${[...run.topics.keys()].join(', ') || '(none yet: call streams.topic(name) first)'}`,
    found: JSON.stringify(topic),
  })
}
