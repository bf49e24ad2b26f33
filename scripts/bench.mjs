// npm run bench: throughput and memory of EcomPulse next to a bare Fastify
// route, measured in the same run on the same machine. Every server runs in
// its own process on 127.0.0.1; autocannon drives them one at a time.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)

async function freePort () {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  server.close()
  return port
}

async function startProcess (args, env) {
  const port = await freePort()
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url + '/health')
      return { child, url }
    } catch {}
    await sleep(100)
  }
  throw new Error('server did not start: ' + args.join(' '))
}

const BARE = `
const app = require('fastify')()
app.get('/', async () => ({ hello: 'world' }))
app.get('/health', async () => ({ ok: true }))
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
`

function rssMiB (pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024
}

async function load (name, opts) {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts })
  const non2xx = result.non2xx + result.errors + result.timeouts
  return {
    name,
    reqs: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: non2xx
  }
}

const pageViews = (n, prefix) => JSON.stringify({
  events: Array.from({ length: n }, (_, i) => ({
    type: 'page_view', sessionId: `${prefix}-s${i % 500}`, userId: `${prefix}-u${i % 400}`,
    url: 'https://shop.example/p/1?utm_source=newsletter'
  }))
})

const dir = mkdtempSync(join(tmpdir(), 'ecompulse-bench-'))
const rows = []
const memory = []
try {
  const bare = await startProcess(['-e', BARE], {})
  rows.push(await load('bare Fastify GET / (baseline)', { url: bare.url + '/' }))
  memory.push(['bare Fastify, after its load', rssMiB(bare.child.pid)])
  bare.child.kill('SIGTERM')

  const app = await startProcess(['dist/src/server.js'], {
    ECOMPULSE_DB: join(dir, 'bench.db')
  })
  const pid = app.child.pid
  memory.push(['EcomPulse, idle after start', rssMiB(pid)])

  // 50,000 visitors' events in the windows, so reads walk real state.
  for (let b = 0; b < 50; b++) {
    await fetch(app.url + '/api/events', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: Array.from({ length: 1000 }, (_, i) => ({
        type: 'page_view', sessionId: `warm-${b}-${i}`, userId: `warm-${b}-${i}`
      })) })
    })
  }
  memory.push(['EcomPulse, 50,000 sessions in the windows', rssMiB(pid)])

  rows.push(await load('GET /health', { url: app.url + '/health' }))
  rows.push(await load('GET /api/metrics (50k sessions)', { url: app.url + '/api/metrics' }))
  rows.push(await load('GET /metrics (50k sessions)', { url: app.url + '/metrics' }))
  rows.push(await load('POST /api/events, 1 event', {
    url: app.url + '/api/events', method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'page_view', sessionId: 's', userId: 'u',
      referrer: 'https://www.google.com/' })
  }))
  rows.push(await load('POST /api/events, batch of 100', {
    url: app.url + '/api/events', method: 'POST',
    headers: { 'content-type': 'application/json' }, body: pageViews(100, 'b')
  }))
  memory.push(['EcomPulse, after the load', rssMiB(pid)])
  app.child.kill('SIGTERM')
  await once(app.child, 'exit')
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const base = rows[0].reqs
console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, node ${process.version}\n`)
console.log('| scenario | req/s | vs baseline | p50 ms | p99 ms | non-2xx/errors |')
console.log('|---|---|---|---|---|---|')
for (const r of rows) {
  console.log(`| ${r.name} | ${r.reqs} | ${(r.reqs / base).toFixed(2)}x | ${r.p50} | ${r.p99} | ${r.failed} |`)
}
console.log('\n| process | RSS MiB |\n|---|---|')
for (const [name, mib] of memory) console.log(`| ${name} | ${mib.toFixed(1)} |`)
