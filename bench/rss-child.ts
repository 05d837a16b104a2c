// Child process of the RSS benchmark: replays a JSONL fixture the way `stream-test run` does today
// (readFixtureAll, as src/runner/inputs.ts loads a fixture; buildPlan; replayPlan) and reports the RSS
// after each phase and the peak, one JSON line per phase on stdout.
//
//   node --import tsx bench/rss-child.ts <fixture.jsonl> <brokers>
import { kafkaFor } from '../src/env/index.ts'
import { readFixtureAll } from '../src/stream/index.ts'
import { deleteTopic, freshTopic, replayToTopic } from './replay-to-topic.ts'

const [file, brokers] = process.argv.slice(2)
if (!file || !brokers) {
  process.stderr.write('usage: rss-child.ts <fixture.jsonl> <brokers>\n')
  process.exit(2)
}
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10
let peak = process.memoryUsage().rss
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
const report = (phase: string, ms: number): void => {
  const rss = process.memoryUsage().rss
  peak = Math.max(peak, rss, process.resourceUsage().maxRSS * 1024)
  process.stdout.write(`${JSON.stringify({ phase, ms: Math.round(ms), rssMb: mb(rss), peakMb: mb(peak), heapUsedMb: mb(process.memoryUsage().heapUsed) })}\n`)
}

report('baseline', 0)
let t = performance.now()
const events = await readFixtureAll(file)
report(`load ${events.length} events`, performance.now() - t)
const kafka = kafkaFor({ kind: 'local', brokers: brokers.split(','), registryUrl: '' }, 'bench-rss')
const topic = await freshTopic(kafka, 'rss')
t = performance.now()
const r = await replayToTopic(kafka, topic, events)
report(`plan (${Math.round(r.planMs)} ms) + replay ${r.produced}`, performance.now() - t)
await deleteTopic(kafka, topic)
clearInterval(sampler)
report('done', 0)
