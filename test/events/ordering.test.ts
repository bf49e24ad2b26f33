import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { build, manualClock } from '../helper.js'

// Events do not arrive in the order they happened: retries, queues and
// batches reorder them. The figures must depend on event time only.
const T = Date.parse('2026-03-02T12:00:00Z')
const at = (minutes: number) => new Date(T + minutes * 60_000).toISOString()

type App = Awaited<ReturnType<typeof build>>

async function send (app: App, events: object[]) {
  const res = await app.inject({ method: 'POST', url: '/api/events', payload: { events } })
  if (res.statusCode !== 202) throw new Error(res.body)
}

async function figures (app: App) {
  return (await app.inject('/api/metrics')).json()
}

t.test('a late event joins the derived session it belongs to', async (t) => {
  const app = await build(t, {}, { clock: manualClock(T) })
  await send(app, [{ type: 'page_view', userId: 'u3', url: 'https://shop.example/', timestamp: at(-3) }])
  await send(app, [{ type: 'page_view', userId: 'u3', url: 'https://shop.example/', timestamp: at(-50) }])
  await send(app, [{ type: 'order_completed', userId: 'u3', timestamp: at(-2),
    order: { id: 'x1', total: '10.00', currency: 'USD' } }])
  const body = await figures(app)
  t.equal(body.sessions, 1, 'only [-3, -2] is in the last 30 minutes')
  t.equal(body.conversionRate, 50, 'of [-50] and [-3, -2], the second ordered')
})

t.test('one visitor counts once whichever event of the session came first', async (t) => {
  const app = await build(t, {}, { clock: manualClock(T) })
  await send(app, [{ type: 'page_view', sessionId: 's2', timestamp: at(-1) }])
  await send(app, [{ type: 'page_view', sessionId: 's2', userId: 'U2', timestamp: at(-2) }])
  t.equal((await figures(app)).activeUsers, 1)
})

t.test('a repeated order from another session converts nobody new', async (t) => {
  const app = await build(t, {}, { clock: manualClock(T) })
  const order = { id: 'o1', total: '10.00', currency: 'USD' }
  await send(app, [{ type: 'order_completed', id: 'e1', sessionId: 's1', order }])
  await send(app, [{ type: 'order_completed', id: 'e2', sessionId: 's2', order }])
  const body = await figures(app)
  t.equal(body.orders, 1)
  t.equal(body.conversionRate, 50)
})

t.test('a restart keeps sessions that began before the 24-hour window', async (t) => {
  const db = join(t.testdir(), 'horizon.db')
  const clock = manualClock(T)
  const open = async () => {
    const app = await buildApp(loadConfig({ ECOMPULSE_DB: db }), { clock })
    await app.ready()
    return app
  }
  const first = await open()
  await send(first, [
    { type: 'order_completed', sessionId: 'X', timestamp: at(-24 * 60 - 5),
      order: { id: 'x', total: '5.00', currency: 'USD' } },
    { type: 'page_view', sessionId: 'X', timestamp: at(-24 * 60 + 5) },
    { type: 'page_view', sessionId: 'Z', timestamp: at(-23 * 60) },
    { type: 'page_view', sessionId: 'Y', referrer: 'https://www.google.com/', timestamp: at(-24 * 60 - 1) },
    { type: 'page_view', sessionId: 'Y', timestamp: at(-1) }
  ])
  const before = await figures(first)
  await first.close()

  const second = await open()
  t.teardown(() => second.close())
  const after = await figures(second)
  t.equal(before.conversionRate, 33.33, 'X of X, Y, Z ordered')
  t.equal(before.trafficSources.search, 1, 'Y came from Google')
  t.equal(after.conversionRate, before.conversionRate)
  t.same(after.trafficSources, before.trafficSources)
  t.equal(after.sessions, before.sessions)
})

t.test('other currencies convert exactly', async (t) => {
  const app = await build(t, { ECOMPULSE_FX_RATES: 'EUR=1.17' })
  await send(app, [{ type: 'order_completed', order: { id: 'e', total: '8.50', currency: 'EUR' } }])
  t.equal((await figures(app)).revenue, 9.95, '9.945 rounds half up')
})
