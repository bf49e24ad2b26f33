import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { projectRoot } from '../../src/lib/project-root.js'
import type { ReplayRecord } from '../../src/replay/record.js'
import { replay } from '../../src/replay/send.js'

// These tests run the built server (npm test builds it first) as a real
// process, so that SIGTERM and kill -9 hit what production runs.
const SERVER = join(projectRoot, 'dist', 'src', 'server.js')

async function freePort (): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  return port
}

async function start (db: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ECOMPULSE_DB: db, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child
    } catch {}
    await sleep(100)
  }
  child.kill('SIGKILL')
  throw new Error('the server did not become healthy')
}

async function figures (port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/api/metrics`)
  const body = await res.json() as Record<string, unknown>
  const { orders, revenue, sessions, conversionRate, trafficSources, bots, refunds } = body
  return { orders, revenue, sessions, conversionRate, trafficSources, bots, refunds }
}

// 60 visitors over 37 minutes, every fifth of them ordering once. The
// 30-minute session window then falls 24 s clear of a session boundary,
// room enough for the restarts in between.
function records (): ReplayRecord[] {
  const base = Date.parse('2024-05-01T10:00:00Z')
  const out: ReplayRecord[] = []
  for (let v = 0; v < 60; v++) {
    for (let k = 0; k < 30; k++) {
      out.push({
        ts: base + v * 37_000 + k * 1000,
        event: { type: 'page_view', id: `v${v}-${k}`, userId: `u${v}`, sessionId: `s${v}` }
      })
    }
    if (v % 5 === 0) {
      out.push({
        ts: base + v * 37_000 + 31_000,
        event: {
          type: 'order_completed', id: `o${v}`, userId: `u${v}`, sessionId: `s${v}`,
          order: { id: `order-${v}`, total: '10.01', currency: 'USD' }
        }
      })
    }
  }
  return out
}

t.test('kill -9 in the middle of a replay loses and doubles nothing', async (t) => {
  const db = join(t.testdir(), 'crash.db')
  const port = await freePort()
  let server = await start(db, port)
  t.teardown(() => { server.kill('SIGKILL') })

  let killed = false
  let restarting: Promise<ChildProcess> | undefined
  const result = await replay(records(), {
    url: `http://127.0.0.1:${port}`,
    speed: 'max',
    batchSize: 100,
    onProgress: (sent) => {
      if (killed || sent < 700) return
      killed = true
      server.kill('SIGKILL')
      restarting = once(server, 'exit').then(async () => start(db, port))
    }
  })
  t.ok(killed, 'the server was killed mid-replay')
  server = await (restarting as Promise<ChildProcess>)

  t.equal(result.sent, 1812)
  t.same(await figures(port), {
    orders: 12,
    revenue: 120.12,
    sessions: 49,
    conversionRate: 20,
    trafficSources: { direct: 49, social: 0, referral: 0, search: 0, paid: 0, email: 0, ai: 0, other: 0 },
    bots: 0,
    refunds: 0
  }, 'every acknowledged event counted once; the retried batch deduplicated')
})

t.test('SIGTERM and a restart keep every figure', async (t) => {
  const db = join(t.testdir(), 'term.db')
  const port = await freePort()
  let server = await start(db, port)
  t.teardown(() => { server.kill('SIGKILL') })

  await replay(records(), { url: `http://127.0.0.1:${port}`, speed: 'max' })
  const before = await figures(port)
  t.equal(before.orders, 12)

  server.kill('SIGTERM')
  const [code] = await once(server, 'exit') as [number | null]
  t.equal(code, 0, 'a clean exit')

  server = await start(db, port)
  t.same(await figures(port), before, 'the same totals and windows after restart')
})
