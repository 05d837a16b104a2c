import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { expect, test, vi } from 'vitest'
import { descendantsOf, processExists, runCli, startCli } from './cli-process.ts'

/** Every process whose command line names `dir`, with its state letter (T: stopped). */
function processesUsing(dir: string): { pid: number; state: string }[] {
  const out: { pid: number; state: string }[] = []
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue
    try {
      if (!readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir)) continue
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8')
      out.push({ pid: Number(p), state: stat.slice(stat.lastIndexOf(')') + 2)[0]! })
    } catch {
      // gone while we looked
    }
  }
  return out
}

test('Ctrl-C while a cluster node is paused (SIGSTOP) leaves no stopped JVM, no JVM at all, no temp dir', async () => {
  const script = [
    "import('./src/env/local/index.ts').then(async (m) => {",
    '  const env = await m.startLocalEnvironment({ nodes: 3 })',
    '  await env.cluster.pause(2)',
    "  console.log('PAUSED ' + JSON.stringify(env.cluster.nodes()))",
    '  setInterval(() => {}, 1000)',
    '})',
  ].join('\n')
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const lines = createInterface({ input: child.stdout })
    const [first] = (await Promise.race([
      once(lines, 'line'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('cluster did not start and pause a node within 150 s')), 150_000)),
    ])) as [string]
    const nodes = JSON.parse(first.replace(/^PAUSED /, '')) as { id: number; state: string; pid: number }[]
    expect(nodes.map((n) => n.state)).toEqual(['up', 'paused', 'up'])
    // the watchdog shell's arguments: sh -c <script> stream-test-jvm <java> <dir> …
    const dir = readFileSync(`/proc/${nodes[0]!.pid}/cmdline`, 'utf8').split('\0')[5]!
    expect(dir).toMatch(/\/stream-test-kafka-/)
    const before = processesUsing(dir).filter((p) => readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').startsWith('java'))
    expect(before.map((p) => p.state).filter((s) => s === 'T'), 'one stopped JVM before Ctrl-C').toHaveLength(1)
    expect(before).toHaveLength(3)
    child.kill('SIGINT')
    await vi.waitFor(() => {
      expect(processesUsing(dir), `processes still using ${dir}`).toEqual([])
      expect(existsSync(dir)).toBe(false)
    }, { timeout: 15_000, interval: 100 })
  } finally {
    child.kill('SIGKILL')
  }
}, 200_000)

test('--nodes 0 and --nodes on an environment without nodes: exit 2, one line', async () => {
  const zero = await runCli(['env', 'up', '--env', 'local', '--nodes', '0'])
  expect(zero.code).toBe(2)
  expect(zero.stderr).toEqual(['stream-test: bad --nodes "0"; expected an integer 1-9 (Kafka brokers of the local environment)'])
  const external = await runCli(['env', 'up', '--env', 'external', '--brokers', '127.0.0.1:1', '--nodes', '3'])
  expect(external.code).toBe(2)
  expect(external.stderr).toEqual(['stream-test: --nodes is for --env local, but the environment is --env external; expected --env local with --nodes, or no --nodes'])
  const containers = await runCli(['run', 'scenarios/', '--env', 'containers', '--nodes', '3'])
  expect(containers.code).toBe(2)
  expect(containers.stderr).toEqual(['stream-test: --nodes is for --env local, but the environment is --env containers; expected --env local with --nodes, or no --nodes'])
})

test('env up --nodes 3 prints three proxy addresses and SIGINT stops every node', async () => {
  const cli = startCli(['env', 'up', '--env', 'local', '--nodes', '3'])
  try {
    const [brokers] = await cli.lines([/^KAFKA_BROKERS=/, /^SCHEMA_REGISTRY_URL=/], 150_000)
    expect(brokers).toMatch(/^KAFKA_BROKERS=127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$/)
    const javas = descendantsOf(cli.child.pid!).filter((c) => c.comm === 'java')
    expect(javas).toHaveLength(3)
    // the printed addresses are what the brokers advertise to clients (their proxies), not their own listeners
    const printed = brokers!.slice('KAFKA_BROKERS='.length).split(',')
    const advertised = javas.map((j) => {
      const props = readFileSync(readFileSync(`/proc/${j.pid}/cmdline`, 'utf8').split('\0').filter(Boolean).at(-1)!, 'utf8')
      const listeners = /^listeners=(.*)$/m.exec(props)![1]!
      const client = /CLIENT:\/\/([^,]+)/.exec(/^advertised\.listeners=(.*)$/m.exec(props)![1]!)![1]!
      expect(listeners).not.toContain(client)
      return client
    })
    expect(advertised.sort()).toEqual([...printed].sort())
    cli.child.kill('SIGINT')
    const exit = await cli.exited
    expect(exit, cli.stderr.join('\n')).toEqual({ code: 0, signal: null })
    await vi.waitFor(() => expect(javas.filter((j) => processExists(j.pid))).toEqual([]), { timeout: 10_000, interval: 100 })
  } finally {
    cli.child.kill('SIGKILL')
  }
}, 200_000)
