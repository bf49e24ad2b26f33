import { spawn, spawnSync } from 'node:child_process'
import {
  closeSync, fsyncSync, openSync, rmSync, statfsSync, writeSync
} from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import t, { type Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'

const FIGURES = ['cpu', 'memory', 'disk', 'network'] as const
type Figures = Record<typeof FIGURES[number], number>

/** The app on a data directory of its own, closed after the test. */
async function build (t: Test, env: Record<string, string> = {}) {
  const dataDir = t.testdir()
  const config = loadConfig({
    ECOMPULSE_DB: join(dataDir, 'ecompulse.db'), ...env
  })
  const app = await buildApp(config, { logger: false })
  t.teardown(() => app.close())
  await app.ready()
  return { app, dataDir }
}

async function figures (app: Awaited<ReturnType<typeof build>>['app']) {
  const res = await app.inject('/api/metrics')
  if (res.statusCode !== 200) throw new Error(`/api/metrics ${res.statusCode}`)
  const body = res.json<Figures>()
  return Object.fromEntries(FIGURES.map((f) => [f, body[f]])) as Figures
}

const series = (text: string, name: string): number | undefined => {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)
  return match?.[1] === undefined ? undefined : Number(match[1])
}

t.test('/metrics and /api/metrics give the same sample', async (t) => {
  // A long interval: only the sample taken at start exists.
  const { app } = await build(t, { ECOMPULSE_HEALTH_SAMPLE_MS: '600000' })
  const json = await app.inject('/api/metrics')
  t.equal(json.statusCode, 200)
  const prom = await app.inject('/metrics')
  t.equal(prom.statusCode, 200)
  const body = json.json<Figures>()
  const names: Record<keyof Figures, string> = {
    cpu: 'ecom_server_cpu_usage',
    memory: 'ecom_server_memory_usage',
    disk: 'ecom_server_disk_usage',
    network: 'ecom_server_network_mbps'
  }
  for (const f of FIGURES) {
    t.ok(Number.isFinite(body[f]), `${f} is a number: ${body[f]}`)
    t.equal(series(prom.body, names[f]), body[f], `${f} agrees`)
  }
  t.equal(body.cpu, 0, 'one sample: no CPU rate yet')
  t.ok(body.memory > 0 && body.memory <= 100)
  t.ok(body.disk > 0 && body.disk <= 100)
  for (const c of FIGURES) {
    t.equal(series(prom.body, `ecom_server_collector_success{collector="${c}"}`), 1)
  }
  t.match(prom.body, /^# HELP ecom_server_cpu_usage Percent of the CPU/m)
  t.match(prom.body, /^# TYPE ecom_server_network_mbps gauge$/m)
})

/** A figure read `times` times, one sample interval apart. */
async function readings (app: Awaited<ReturnType<typeof build>>['app'],
  figure: keyof Figures, times: number, everyMs: number) {
  const values: number[] = []
  for (let i = 0; i < times; i++) {
    await sleep(everyMs)
    values.push((await figures(app))[figure])
  }
  return values
}

t.test('real machine: a busy child process raises the CPU figure', async (t) => {
  const { app } = await build(t, { ECOMPULSE_HEALTH_SAMPLE_MS: '500' })
  // The quietest of three intervals is the baseline: other tests and
  // other work on the machine come and go.
  const before = Math.min(...await readings(app, 'cpu', 3, 550))

  // One core spinning, for at most 8 s even if teardown never runs.
  const child = spawn(process.execPath,
    ['-e', 'const end = Date.now() + 8000; while (Date.now() < end) {}'],
    { stdio: 'ignore' })
  t.teardown(() => { child.kill('SIGKILL') })
  await sleep(600)
  const during = Math.max(...await readings(app, 'cpu', 3, 550))
  child.kill('SIGKILL')

  const cpus = availableParallelism()
  t.comment(`cpu before ${before} %, during load ${during} % (${cpus} CPUs)`)
  // One busy core of N adds 100/N points to an idle machine. Ask for half
  // of that, or of the headroom when the machine is already busy: a
  // saturated machine cannot show a rise, only stay near 100.
  const rise = Math.min(50 / cpus, (100 - before) / 2)
  t.ok(during - before >= rise, `rises by at least ${rise.toFixed(2)} points`)
  t.ok(during <= 100)
})

const BALLAST = 256 * 2 ** 20
const free = statfsSync(import.meta.dirname)
const tooFull = free.bavail * free.bsize < 4 * BALLAST &&
  `only ${free.bavail * free.bsize} bytes free; the test needs 4 x ${BALLAST}`

t.test('real machine: a large file in the data directory moves disk',
  { skip: tooFull }, async (t) => {
  const { app, dataDir } = await build(t, { ECOMPULSE_HEALTH_SAMPLE_MS: '200' })
  const size = BALLAST
  const fs = statfsSync(dataDir)
  await sleep(300)
  const before = (await figures(app)).disk

  // Real zeros, flushed, so the blocks are allocated rather than sparse.
  const file = join(dataDir, 'ballast.bin')
  t.teardown(() => rmSync(file, { force: true }))
  const fd = openSync(file, 'w')
  const chunk = Buffer.alloc(8 * 2 ** 20)
  for (let written = 0; written < size; written += chunk.length) {
    writeSync(fd, chunk)
  }
  fsyncSync(fd)
  closeSync(fd)

  await sleep(600)
  const after = (await figures(app)).disk
  const expected = 100 * size / ((fs.blocks - fs.bfree + fs.bavail) * fs.bsize)
  t.comment(`disk before ${before} %, after ${after} %, ` +
    `expected +${expected.toFixed(3)} points`)
  // Others may write to the same disk meanwhile: generous bounds.
  t.ok(after - before >= expected * 0.5, 'moved by at least half the file')
  t.ok(after - before <= expected * 2 + 0.02, 'and not by much more')
})

const promtool = spawnSync('promtool', ['--version']).status === 0
t.test('the health series pass promtool lint',
  { skip: !promtool && 'promtool is not installed' }, async (t) => {
  const { app } = await build(t, { ECOMPULSE_HEALTH_SAMPLE_MS: '600000' })
  const res = await app.inject('/metrics')
  t.equal(res.statusCode, 200)
  // Only our series: prom-client's own defaults fail lint (stack notes).
  const ours = res.body.split('\n')
    .filter((l) => /^(# (HELP|TYPE) )?ecom_server_/.test(l)).join('\n') + '\n'
  t.equal(ours.match(/^# TYPE /gm)?.length, 6, 'six health metrics')
  const lint = spawnSync('promtool', ['check', 'metrics'], { input: ours })
  t.equal(lint.status, 0, String(lint.stderr) + String(lint.stdout))
})
