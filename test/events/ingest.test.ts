import t from 'tap'
import { build, manualClock, seriesValue } from '../helper.js'

const T0 = Date.parse('2026-03-01T12:00:00Z')

async function figures (app: Awaited<ReturnType<typeof build>>) {
  const res = await app.inject('/api/metrics')
  return res.json()
}

const order = (id: string, total: string | number, extra = {}) => ({
  type: 'order_completed',
  id: `evt-${id}`,
  sessionId: `s-${id}`,
  order: { id, total, currency: 'USD' },
  ...extra
})

t.test('an empty service reports zeros, never NaN', async (t) => {
  const app = await build(t)
  const res = await app.inject('/api/metrics')
  t.equal(res.statusCode, 200)
  const body = res.json()
  for (const key of ['revenue', 'orders', 'conversionRate', 'activeUsers',
    'sessions', 'refunds', 'netRevenue', 'averageOrderValue', 'bots']) {
    t.equal(body[key], 0, key)
  }
  t.equal(body.lastOrderAt, null)
  t.same(Object.values(body.trafficSources), [0, 0, 0, 0, 0, 0, 0, 0])
  t.notMatch(res.body, /NaN|Infinity|null,"orders"/)

  const metrics = await app.inject('/metrics')
  t.equal(metrics.statusCode, 200)
  t.notMatch(metrics.body, /^\S+ (NaN|[+-]?Inf)$/m, 'no value is NaN or infinite')
  t.equal(seriesValue(metrics.body, 'ecom_conversion_rate'), 0)
})

t.test('a single event and a batch are stored, then answered 202', async (t) => {
  const clock = manualClock(T0)
  const app = await build(t, {}, { clock })

  const one = await app.inject({ method: 'POST', url: '/api/events',
    payload: { type: 'page_view', sessionId: 's1', userId: 'u1', url: 'https://shop.example/' } })
  t.equal(one.statusCode, 202)
  t.same(one.json(), { accepted: 1, stored: 1 })

  const batch = await app.inject({ method: 'POST', url: '/api/events', payload: {
    events: [
      { type: 'page_view', sessionId: 's2', userId: 'u2' },
      { type: 'add_to_cart', sessionId: 's2', userId: 'u2' },
      order('o1', '19.99', { sessionId: 's2', userId: 'u2' })
    ]
  } })
  t.equal(batch.statusCode, 202)
  t.same(batch.json(), { accepted: 3, stored: 3 })

  const body = await figures(app)
  t.equal(body.orders, 1)
  t.equal(body.revenue, 19.99)
  t.equal(body.sessions, 2)
  t.equal(body.activeUsers, 2)
  t.equal(body.conversionRate, 50)
  t.equal(body.averageOrderValue, 19.99)
  t.equal(body.lastOrderAt, new Date(T0).toISOString())
})

t.test('money is exact', async (t) => {
  const app = await build(t)
  for (const [id, total] of [['a', '0.10'], ['b', 0.2]] as const) {
    const res = await app.inject({ method: 'POST', url: '/api/events', payload: order(id, total) })
    t.equal(res.statusCode, 202)
  }
  const body = await figures(app)
  t.equal(body.revenue, 0.3)
  t.same(body.revenueByCurrency, { USD: 0.3 })

  await app.inject({ method: 'POST', url: '/api/events', payload: order('c', 19.99) })
  t.equal((await figures(app)).revenue, 20.29, '19.99 is 1999 cents')
})

t.test('retries and repeated orders count once', async (t) => {
  const app = await build(t)
  const post = (payload: object) => app.inject({ method: 'POST', url: '/api/events', payload })
  t.same((await post(order('o1', '5.00'))).json(), { accepted: 1, stored: 1 })
  t.same((await post(order('o1', '5.00'))).json(), { accepted: 1, stored: 0 }, 'same event id')
  const again = { ...order('o1', '5.00'), id: 'another-event-id' }
  t.same((await post(again)).json(), { accepted: 1, stored: 1 }, 'new event, same order')
  const body = await figures(app)
  t.equal(body.orders, 1)
  t.equal(body.revenue, 5)
})

t.test('refunds lower net revenue, never revenue', async (t) => {
  const app = await build(t)
  await app.inject({ method: 'POST', url: '/api/events', payload: order('o1', '50.00') })
  const refund = {
    type: 'order_refunded',
    id: 'r-evt',
    refund: { orderId: 'o1', id: 'r1', amount: '20.00', currency: 'usd' }
  }
  t.equal((await app.inject({ method: 'POST', url: '/api/events', payload: refund })).statusCode, 202)
  await app.inject({ method: 'POST', url: '/api/events', payload: { ...refund, id: 'r-evt-2' } })
  const body = await figures(app)
  t.equal(body.revenue, 50)
  t.equal(body.refunds, 20, 'refund id r1 counts once')
  t.equal(body.netRevenue, 30)
})

t.test('other currencies convert at configured rates or stay apart', async (t) => {
  const app = await build(t, { ECOMPULSE_FX_RATES: 'EUR=1.1' })
  const post = (id: string, total: string, currency: string) => app.inject({
    method: 'POST', url: '/api/events',
    payload: { type: 'order_completed', order: { id, total, currency } }
  })
  await post('u', '10.00', 'USD')
  await post('e', '10.00', 'EUR')
  await post('j', '1000', 'JPY')
  const body = await figures(app)
  t.equal(body.revenue, 21, '10 USD + 10 EUR at 1.1; JPY has no rate')
  t.same(body.revenueByCurrency, { EUR: 10, JPY: 1000, USD: 10 })
  t.equal(body.orders, 3)
  t.equal(body.averageOrderValue, 10.5, 'over the two orders in the base figure')

  const metrics = (await app.inject('/metrics')).body
  t.equal(seriesValue(metrics, 'ecom_revenue_total'), 21)
  t.equal(seriesValue(metrics, 'ecom_revenue_by_currency_total{currency="JPY"}'), 1000)
})

t.test('a HeadlessChrome page view counts as a bot only', async (t) => {
  const app = await build(t)
  const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
    'HeadlessChrome/120.0.0.0 Safari/537.36'
  const res = await app.inject({ method: 'POST', url: '/api/events',
    payload: { type: 'page_view', sessionId: 'b1', userId: 'bot', userAgent: ua } })
  t.equal(res.statusCode, 202)

  // A browser sender's own User-Agent stands in when the event has none.
  await app.inject({ method: 'POST', url: '/api/events',
    headers: { origin: 'https://shop.example', 'user-agent': ua },
    payload: { type: 'page_view', sessionId: 'b2' } })
  await app.inject({ method: 'POST', url: '/api/events', headers: { 'user-agent': ua },
    payload: { type: 'page_view', sessionId: 'h1' } })

  const body = await figures(app)
  t.equal(body.bots, 2)
  t.equal(body.activeUsers, 1, 'only the server-side sender without a bot agent')
  t.equal(body.sessions, 1)
  t.equal(seriesValue((await app.inject('/metrics')).body, 'ecom_bot_events_total'), 2)
})

t.test('sessions are derived from the visitor and 30 minutes of quiet', async (t) => {
  const clock = manualClock(T0 + 76 * 60_000)
  const app = await build(t, {}, { clock })
  const view = (minute: number) => app.inject({ method: 'POST', url: '/api/events', payload: {
    type: 'page_view', userId: 'u1', timestamp: new Date(T0 + minute * 60_000).toISOString()
  } })
  for (const minute of [0, 20, 45, 76]) t.equal((await view(minute)).statusCode, 202)
  const body = await figures(app)
  t.equal(body.sessions, 1, 'one session active in the last 30 minutes')

  const conversion = await app.inject({ method: 'POST', url: '/api/events',
    payload: { type: 'order_completed', userId: 'u1', order: { id: 'x', total: 1, currency: 'USD' } } })
  t.equal(conversion.statusCode, 202)
  t.equal((await figures(app)).conversionRate, 50, '1 of the 2 sessions of the day ordered')
})

t.test('windows follow the clock', async (t) => {
  const clock = manualClock(T0)
  const app = await build(t, {}, { clock })
  await app.inject({ method: 'POST', url: '/api/events',
    payload: { type: 'page_view', sessionId: 's1', userId: 'u1',
      referrer: 'https://www.facebook.com/' } })
  t.equal((await figures(app)).trafficSources.social, 1)

  clock.advance(5 * 60_000 + 1)
  let body = await figures(app)
  t.equal(body.activeUsers, 0, 'gone after 5 minutes')
  t.equal(body.sessions, 1)

  clock.advance(25 * 60_000)
  body = await figures(app)
  t.equal(body.sessions, 0, 'ended after 30 minutes')
  t.equal(body.trafficSources.social, 0)
})

t.test('/metrics and /api/metrics give the same numbers', async (t) => {
  const clock = manualClock(T0)
  const app = await build(t, {}, { clock })
  await app.inject({ method: 'POST', url: '/api/events', payload: { events: [
    { type: 'page_view', sessionId: 'a', url: 'https://shop.example/?utm_medium=cpc' },
    { type: 'page_view', sessionId: 'b', referrer: 'https://duckduckgo.com/' },
    { type: 'page_view', sessionId: 'c', referrer: 'https://blog.example.org/' },
    { ...order('o1', '12.34'), sessionId: 'a' }
  ] } })
  const json = await figures(app)
  const text = (await app.inject('/metrics')).body
  const pairs: Array<[string, number]> = [
    ['ecom_revenue_total', json.revenue],
    ['ecom_orders_total', json.orders],
    ['ecom_conversion_rate', json.conversionRate],
    ['ecom_active_users', json.activeUsers],
    ['ecom_sessions', json.sessions],
    ['ecom_net_revenue', json.netRevenue],
    ['ecom_average_order_value', json.averageOrderValue],
    ['ecom_bot_events_total', json.bots],
    ['ecom_last_order_timestamp_seconds', Date.parse(json.lastOrderAt) / 1000]
  ]
  for (const [channel, value] of Object.entries(json.trafficSources)) {
    pairs.push([`ecom_traffic_${channel}`, value as number])
  }
  for (const [name, value] of pairs) t.equal(seriesValue(text, name), value, name)
  t.equal(json.trafficSources.paid, 1)
  t.equal(json.trafficSources.search, 1)
  t.equal(json.trafficSources.referral, 1)
  t.equal(json.conversionRate, 33.33)
})

t.test('a frontend on another origin can read /api/metrics', async (t) => {
  const app = await build(t)
  const res = await app.inject({ url: '/api/metrics', headers: { origin: 'https://dash.example' } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['access-control-allow-origin'], 'https://dash.example')

  const preflight = await app.inject({ method: 'OPTIONS', url: '/api/events', headers: {
    origin: 'https://dash.example', 'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type'
  } })
  t.equal(preflight.statusCode, 204)
})

t.test('building the app twice in one process works', async (t) => {
  const a = await build(t)
  const b = await build(t)
  await a.inject({ method: 'POST', url: '/api/events', payload: order('only-a', '1.00') })
  t.equal((await figures(a)).orders, 1)
  t.equal((await figures(b)).orders, 0, 'each app has its own registry and store')
})
