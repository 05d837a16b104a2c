import { inVitestWorker } from './fixtures.ts'
import { registerMatchers } from './matchers/index.ts'

if (inVitestWorker()) registerMatchers()

export { expect } from 'vitest'
export { test, type StreamFixtures } from './fixtures.ts'
export { streamTest, withStreamTest, type StreamTestPlugin, type StreamTestOptions } from './plugin.ts'
export { streamProperty, type StreamPropertyOptions, type PropertyRun } from './property.ts'
export { eventStreams, type EventStreamOptions } from './arbitraries.ts'
export type { Streams, TopicOptions } from './streams.ts'
export type { TopicHandle, TestRun } from './test-run.ts'
export type { Replay, ReplayOptions, Sent, EventInput } from './replay.ts'
export type { SutFixture, SutStartSpec } from './sut.ts'
export type { Collect, CollectOptions } from './collect.ts'
export type { RunScenario } from './run-scenario.ts'
export type { RunScenarioOptions } from '../runner/index.ts'
export type { StreamTestProvided } from './provided.ts'
export type { StreamMatchers, ExactlyOnceOptions, IdempotentOptions, WindowsOptions, WindowInput } from './matchers/index.ts'
