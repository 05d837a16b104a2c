// Child process of the RSS benchmark: replays a JSONL fixture the way `stream-test replay` does without
// perturbations (streamed: readFixture -> streamOps -> replayOps) and reports the RSS after each phase
// and the peak, one JSON line per phase on stdout. (A run with perturbations holds the stream and the
// plan in memory: the perturbations need the whole stream.)
//
//   node --import tsx bench/rss-child.ts <fixture.jsonl> <brokers>
import { kafkaFor } from '../src/env/index.ts'
import { deleteTopic, freshTopic, streamFixtureToTopic } from './replay-to-topic.ts'

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
const kafka = kafkaFor({ kind: 'local', brokers: brokers.split(','), registryUrl: '' }, 'bench-rss')
const topic = await freshTopic(kafka, 'rss')
const t = performance.now()
const r = await streamFixtureToTopic(kafka, topic, file)
report(`streamed replay ${r.produced}`, performance.now() - t)
await deleteTopic(kafka, topic)
clearInterval(sampler)
report('done', 0)
