export type { StreamEvent } from './event.ts'
export { readFixture, readFixtureAll, type ReadFixtureOptions } from './read-fixture.ts'
export { writeFixture, formatEventLine } from './write-fixture.ts'
export { parseFixtureLine, isSkippedLine, type FixtureFormat } from './fixture-line.ts'
