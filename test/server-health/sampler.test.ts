import { cpSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pino } from 'pino'
import { Registry } from 'prom-client'
import t, { type Test } from 'tap'
import { HostReader } from '../../plugins/server-health/host-reader.js'
import { healthMetrics } from '../../plugins/server-health/metrics.js'
import { HealthSampler } from '../../plugins/server-health/sampler.js'

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'server-health')

/** A writable copy of a fixture tree, a hand-moved clock, a captured log. */
function setup (t: Test, fixture: string) {
  const root = t.testdir()
  cpSync(join(fixtures, fixture), root, { recursive: true })
  let ms = 1000
  const lines: Array<Record<string, unknown>> = []
  const log = pino({ level: 'debug' }, {
    write: (line: string) => { lines.push(JSON.parse(line)) }
  })
  const sampler = new HealthSampler({
    reader: new HostReader(root),
    dataDir: root,
    log,
    now: () => ms
  })
  const registry = new Registry()
  healthMetrics(registry, sampler, 1000)
  const write = (path: string, text: string) =>
    writeFileSync(join(root, path), text)
  return {
    root, sampler, registry, lines, write,
    advance: (by: number) => { ms += by }
  }
}

/** The series line of one collector's labelled gauge. */
const perCollector = (name: string, c: string, value = '') =>
  new RegExp(`^ecom_server_collector_${name}{collector="${c}"} ${value}`, 'm')

const netDev = (rx: number, tx: number) =>
  'Inter-| Receive | Transmit\n face |bytes packets|bytes packets\n' +
  `    lo: 77777 1 0 0 0 0 0 0 77777 1 0 0 0 0 0 0\n` +
  `  eth0: ${rx} 1 0 0 0 0 0 0 ${tx} 1 0 0 0 0 0 0\n`

t.test('1-CPU container: rates are 0 first, then measured', async (t) => {
  const s = setup(t, 'container-1cpu-512m')
  const first = await s.sampler.sample()
  t.equal(first.cpu, 0, 'CPU needs two samples')
  t.equal(first.network, 0, 'network needs two samples')
  t.equal(first.memory, 50)
  t.ok(first.disk > 0 && first.disk <= 100)

  s.write('sys/fs/cgroup/cpu.stat', 'usage_usec 7500000\n')
  s.write('proc/net/dev', netDev(151792544 + 1_000_000, 788257 + 250_000))
  s.advance(1000)
  const second = await s.sampler.sample()
  t.equal(second.cpu, 50, '0.5 s of CPU in 1 s against 1 CPU, not 16')
  t.equal(second.network, 10, '1.25 MB in 1 s is 10 Mbit/s')

  const text = await s.registry.metrics()
  t.match(text, /^ecom_server_cpu_usage 50$/m)
  t.match(text, /^ecom_server_memory_usage 50$/m)
  t.match(text, /^ecom_server_network_mbps 10$/m)
  t.match(text, new RegExp(`^ecom_server_disk_usage ${second.disk}$`, 'm'))
  for (const c of ['cpu', 'memory', 'disk', 'network']) {
    t.match(text, perCollector('success', c, '1$'))
    t.match(text, perCollector('duration_seconds', c))
  }
})

t.test('host without cgroup: busy ticks of all cores', async (t) => {
  const s = setup(t, 'no-cgroup')
  await s.sampler.sample()
  // +300 busy and +900 idle ticks: 25 % of the host
  s.write('proc/stat', 'cpu  4000300 1200 800000 50000900 40000 0 9000 0 0 0\n')
  s.advance(1000)
  t.equal((await s.sampler.sample()).cpu, 25)
})

t.test('a limit that appears starts a new CPU baseline', async (t) => {
  const s = setup(t, 'cgroup-no-limit')
  await s.sampler.sample()
  const svc = 'sys/fs/cgroup/system.slice/shop.service'
  s.write(`${svc}/cpu.max`, '50000 100000\n')
  s.advance(1000)
  t.equal((await s.sampler.sample()).cpu, 0, 'host ticks vs cgroup usec: no rate')
  s.write(`${svc}/cpu.stat`, 'usage_usec 250999\n')
  s.advance(1000)
  t.equal((await s.sampler.sample()).cpu, 50, '0.25 s in 1 s of half a CPU')
})

t.test('one failing collector does not break a scrape', async (t) => {
  const s = setup(t, 'container-1cpu-512m')
  rmSync(join(s.root, 'proc/net/dev'))
  await s.sampler.sample()
  await s.sampler.sample()

  const text = await s.registry.metrics()
  t.match(text, /^ecom_server_collector_success{collector="network"} 0$/m)
  t.match(text, /^ecom_server_network_mbps 0$/m, 'the failed figure reads 0')
  for (const c of ['cpu', 'memory', 'disk']) {
    t.match(text, perCollector('success', c, '1$'))
  }
  t.match(text, /^ecom_server_memory_usage 50$/m, 'the others still appear')

  const failed = s.lines.filter((l) => l.msg === 'health collector failed')
  t.equal(failed.length, 1, 'logged at error once, not every sample')
  t.match(failed[0], { level: 50, collector: 'network', err: { code: 'ENOENT' } })
  t.ok(s.lines.some((l) => l.msg === 'health collector still failing' &&
    l.level === 20), 'then at debug')

  s.write('proc/net/dev', netDev(1, 1))
  await s.sampler.sample()
  t.ok(s.lines.some((l) => l.msg === 'health collector recovered'))
  t.match(await s.registry.metrics(),
    /^ecom_server_collector_success{collector="network"} 1$/m)
})

t.test('a broken cgroup file fails only its own figure', async (t) => {
  const s = setup(t, 'container-1cpu-512m')
  s.write('sys/fs/cgroup/memory.current', 'garbage\n')
  const figures = await s.sampler.sample()
  t.equal(figures.memory, 0)
  t.same(s.sampler.runs.memory.ok, false)
  t.same(s.sampler.runs.cpu.ok, true)
  t.same(s.sampler.runs.disk.ok, true)
})
