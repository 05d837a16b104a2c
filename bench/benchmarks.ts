import type { Benchmark } from './benchmark.ts'
import { coldStart } from './cold-start.bench.ts'
import { killCost } from './kill-cost.bench.ts'
import { replayRss } from './replay-rss.bench.ts'
import { replayThroughput } from './replay-throughput.bench.ts'
import { clusterStart, proxyOverhead } from './cluster.bench.ts'
import { scenarioOverhead } from './scenario-overhead.bench.ts'
import { windowOracle } from './window-oracle.bench.ts'
import { vitestFixtures } from './vitest-fixtures.bench.ts'
import { suiteWall } from './suite-wall.bench.ts'

/** Every benchmark `npm run bench` runs, in table order. Adding one: a file in bench/, a line here. */
export const benchmarks: Benchmark[] = [coldStart, replayThroughput, replayRss, scenarioOverhead, vitestFixtures, windowOracle, killCost, clusterStart, proxyOverhead, suiteWall]
