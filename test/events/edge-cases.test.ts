import t from 'tap'
import { build, manualClock, seriesValue } from '../helper.js'

const T0 = Date.parse('2026-03-01T12:00:00Z')
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

async function post (app: Awaited<ReturnType<typeof build>>, payload: object) {
  return app.inject({ method: 'POST', url: '/api/events', payload })
}

async function figures (app: Awaited<ReturnType<typeof build>>) {
  return (await app.inject('/api/metrics')).json()
}

t.test('a request event from a bot counts as a bot only', async (t) => {
  const app = await build(t)
  const res = await post(app, { type: 'request', userAgent: GOOGLEBOT,
    request: { route: '/', status: 503, durationMs: 1234 } })
  t.equal(res.statusCode, 202)
  const body = await figures(app)
  t.equal(body.bots, 1)
  t.equal(body.failedRequests, 0)
  t.equal(body.latency, 0)
})

t.test('a request event is no visit, even with a session', async (t) => {
  const app = await build(t)
  await post(app, { type: 'request', sessionId: 'rs', userId: 'ru',
    request: { route: '/p', status: 200, durationMs: 12 } })
  const body = await figures(app)
  t.equal(body.sessions, 0)
  t.equal(body.activeUsers, 0)
  t.equal(body.trafficSources.direct, 0)
})

t.test('the channel comes from the first event with page context', async (t) => {
  const clock = manualClock(T0)
  const app = await build(t, {}, { clock })
  await post(app, { type: 'add_to_cart', sessionId: 's', userId: 'u',
    timestamp: new Date(T0 - 60_000).toISOString() })
  await post(app, { type: 'page_view', sessionId: 's', userId: 'u',
    timestamp: new Date(T0 - 30_000).toISOString(),
    url: 'https://myshop.example/?gclid=1', referrer: 'https://www.google.com/' })
  const body = await figures(app)
  t.equal(body.trafficSources.paid, 1)
  t.equal(body.trafficSources.direct, 0)
})

t.test('an event with only the session finds the session\'s visitor', async (t) => {
  const app = await build(t)
  await post(app, { type: 'page_view', sessionId: 's1', userId: 'u1' })
  await post(app, { type: 'order_completed', sessionId: 's1',
    order: { id: '1001', total: '19.99', currency: 'USD' } })
  const body = await figures(app)
  t.equal(body.activeUsers, 1, 'one person, not two')
  t.equal(body.sessions, 1)
  t.equal(body.conversionRate, 100)
})

t.test('impossible dates are refused, a leap second is not', async (t) => {
  const clock = manualClock(Date.parse('2017-01-01T00:00:30Z'))
  const app = await build(t, {}, { clock })
  for (const timestamp of ['2024-02-30T00:00:00Z', '2023-02-29T12:00:00Z',
    '2024-04-31T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T10:00:00+24:00']) {
    const res = await post(app, { type: 'page_view', sessionId: 's', timestamp })
    t.equal(res.statusCode, 400, timestamp)
    t.equal(res.json().field, 'timestamp')
  }
  const leap = await post(app, { type: 'page_view', sessionId: 's',
    timestamp: '2016-12-31T23:59:60Z' })
  t.equal(leap.statusCode, 202)
  const [event] = await app.store.windowEvents(0)
  t.equal(event?.ts, Date.parse('2017-01-01T00:00:00Z'))
  t.equal((await post(app, { type: 'page_view', sessionId: 's',
    timestamp: '2016-12-31T19:00:00.5-05:00' })).statusCode, 202)
})

t.test('the rule says what is wrong with an amount or currency', async (t) => {
  const app = await build(t)
  const order = (total: unknown, currency = 'USD') =>
    post(app, { type: 'order_completed', order: { id: 'o', total, currency } })
  t.match((await order(-5)).json(), { field: 'order.total', rule: 'must not be negative' })
  t.match((await order('5', 'dollars')).json(),
    { field: 'order.currency', rule: 'is not an ISO 4217 currency' })
  t.match((await order(true)).json(), { field: 'order.total' })
  t.equal((await figures(app)).orders, 0)
})

t.test('strings that are not valid Unicode are refused', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/api/events',
    headers: { 'content-type': 'application/json' },
    payload: '{"type":"page_view","sessionId":"\\ud800"}' })
  t.equal(res.statusCode, 400)
  t.equal(res.json().field, 'sessionId')
  t.same(await app.store.windowEvents(0), [])
})

t.test('the metrics of a bot request stay out of /metrics too', async (t) => {
  const app = await build(t)
  await post(app, { type: 'request', userAgent: GOOGLEBOT,
    request: { route: '/', status: 500, durationMs: 9 } })
  const text = (await app.inject('/metrics')).body
  t.equal(seriesValue(text, 'ecom_failed_requests_total'), 0)
  t.equal(seriesValue(text, 'ecom_bot_events_total'), 1)
})
