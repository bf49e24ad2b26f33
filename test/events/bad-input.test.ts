import t from 'tap'
import { build } from '../helper.js'

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString()
const order = { id: 'o1', total: '10.00', currency: 'USD' }

// [case, payload, field named in the answer]
const cases: Array<[string, unknown, string]> = [
  ['wrong type of a field', { type: 'page_view', sessionId: 5 }, 'sessionId'],
  ['unknown event type', { type: 'purchase', sessionId: 's' }, 'type'],
  ['missing type', { sessionId: 's' }, 'type'],
  ['missing order', { type: 'order_completed' }, 'order'],
  ['missing order id', { type: 'order_completed', order: { total: '1.00', currency: 'USD' } }, 'order.id'],
  ['negative total text', { type: 'order_completed', order: { ...order, total: '-5.00' } }, 'order.total'],
  ['negative total number', { type: 'order_completed', order: { ...order, total: -5 } }, 'order.total'],
  ['non-numeric total', { type: 'order_completed', order: { ...order, total: 'ten' } }, 'order.total'],
  ['total with too many decimals', { type: 'order_completed', order: { ...order, total: '1.005' } }, 'order.total'],
  ['boolean total', { type: 'order_completed', order: { ...order, total: true } }, 'order.total'],
  ['unknown currency', { type: 'order_completed', order: { ...order, currency: 'XYZ' } }, 'order.currency'],
  ['malformed currency', { type: 'order_completed', order: { ...order, currency: 'dollars' } }, 'order.currency'],
  ['refund without amount', { type: 'order_refunded', refund: { orderId: 'o1', currency: 'USD' } }, 'refund.amount'],
  ['timestamp an hour ahead', { type: 'page_view', sessionId: 's', timestamp: inAnHour() }, 'timestamp'],
  ['timestamp without a zone', { type: 'page_view', sessionId: 's', timestamp: '2026-01-01T10:00:00' }, 'timestamp'],
  ['timestamp not a time', { type: 'page_view', sessionId: 's', timestamp: 'yesterday' }, 'timestamp'],
  ['page view with nobody', { type: 'page_view' }, 'sessionId'],
  ['unknown field', { type: 'page_view', sessionId: 's', colour: 'red' }, 'colour'],
  ['over-long session id', { type: 'page_view', sessionId: 'x'.repeat(129) }, 'sessionId'],
  ['status out of range', { type: 'request', request: { route: '/', status: 700, durationMs: 5 } }, 'request.status'],
  ['status below 100', { type: 'request', request: { route: '/', status: 42, durationMs: 5 } }, 'request.status'],
  ['negative duration', { type: 'request', request: { route: '/', status: 200, durationMs: -1 } }, 'request.durationMs'],
  ['array body', [{ type: 'page_view', sessionId: 's' }], 'body'],
  ['empty batch', { events: [] }, 'events'],
  ['batch over 1000', { events: Array.from({ length: 1001 }, () => ({ type: 'page_view', sessionId: 's' })) }, 'events'],
  ['one bad event in a batch', { events: [
    { type: 'page_view', sessionId: 'ok' },
    { type: 'order_completed', order: { ...order, total: 'NaN' } }
  ] }, 'events[1].order.total'],
  ['a late bad event in a batch', { events: [
    { type: 'page_view', sessionId: 'ok' },
    { type: 'order_completed', order },
    { type: 'page_view', sessionId: 's', timestamp: inAnHour() }
  ] }, 'events[2].timestamp']
]

t.test('bad events get 400 naming the field, and nothing is stored', async (t) => {
  const app = await build(t)
  for (const [name, payload, field] of cases) {
    const res = await app.inject({ method: 'POST', url: '/api/events', payload: payload as object })
    t.equal(res.statusCode, 400, `${name}: status`)
    const body = res.json()
    t.equal(body.field, field, `${name}: field`)
    t.type(body.rule, 'string', `${name}: rule`)
    t.match(body, { statusCode: 400, error: 'Bad Request' }, `${name}: shape`)
  }

  t.same(await app.store.windowEvents(0), [], 'no event stored')
  const figures = (await app.inject('/api/metrics')).json()
  t.equal(figures.orders, 0)
  t.equal(figures.sessions, 0)
})

t.test('bodies that are not JSON events', async (t) => {
  const app = await build(t)
  const broken = await app.inject({ method: 'POST', url: '/api/events',
    headers: { 'content-type': 'application/json' }, payload: '{"type": "page_view",' })
  t.equal(broken.statusCode, 400)
  t.match(broken.json(), { error: 'Bad Request', field: 'body', rule: /valid JSON/ })

  const text = await app.inject({ method: 'POST', url: '/api/events',
    headers: { 'content-type': 'text/plain' }, payload: 'hello' })
  t.equal(text.statusCode, 415, 'events are JSON')
  t.match(text.json(), { error: 'Unsupported Media Type', field: 'content-type',
    rule: 'must be application/json' })

  const gzip = await app.inject({ method: 'POST', url: '/api/events',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    payload: '{"type":"page_view","sessionId":"s"}' })
  t.equal(gzip.statusCode, 415)
  t.equal(gzip.json().field, 'content-encoding')

  const proto = await app.inject({ method: 'POST', url: '/api/events',
    headers: { 'content-type': 'application/json' },
    payload: '{"type":"page_view","sessionId":"s","__proto__":{"x":1}}' })
  t.equal(proto.statusCode, 400)
  t.match(proto.json(), { field: 'body', rule: /__proto__/ })

  const xml = await app.inject({ method: 'POST', url: '/api/events',
    headers: { 'content-type': 'application/xml' }, payload: '<event/>' })
  t.equal(xml.statusCode, 415)

  const big = await app.inject({ method: 'POST', url: '/api/events',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ type: 'page_view', sessionId: 's', url: 'x'.repeat(1024 * 1024) }) })
  t.equal(big.statusCode, 413)
  t.match(big.json(), { error: 'Payload Too Large', field: 'body', rule: /limit/ })

  t.same(await app.store.windowEvents(0), [])
})

t.test('unknown routes add no metric series', async (t) => {
  const app = await build(t)
  await app.inject('/api/metrics')
  const series = (text: string) => text.split('\n').filter((l) => l.startsWith('http_request')).length
  const before = series((await app.inject('/metrics')).body)

  for (const url of ['/nope', '/nope/1', '/api/metrics/x', '/.env', '/api/events?x=1']) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 404, url)
  }
  const after = (await app.inject('/metrics')).body
  t.equal(series(after), before)
  t.notMatch(after, /nope|\.env/)
})

t.test('ingest keys and origins', async (t) => {
  const app = await build(t, {
    ECOMPULSE_INGEST_KEYS: 'k1,k2',
    ECOMPULSE_ALLOWED_ORIGINS: 'https://shop.example'
  })
  const post = (headers: Record<string, string>, payload: object) =>
    app.inject({ method: 'POST', url: '/api/events', headers, payload })
  const view = { type: 'page_view', sessionId: 's' }
  const sale = { type: 'order_completed', order }

  t.equal((await post({}, view)).statusCode, 401, 'server-side without a key')
  t.equal((await post({ authorization: 'Bearer nope' }, view)).statusCode, 401, 'wrong key')
  t.equal((await post({ origin: 'https://shop.example' }, sale)).statusCode, 401,
    'a browser may not send orders')
  const evil = await post({ origin: 'https://evil.example' }, view)
  t.equal(evil.statusCode, 403)
  t.equal(evil.json().field, 'origin')
  t.equal((await post({ origin: 'https://evil.example', authorization: 'Bearer k1' },
    view)).statusCode, 403, 'a key does not open a foreign origin')
  t.equal((await post({}, { type: 'nope' })).statusCode, 401,
    'the caller is checked before the body')
  t.same(await app.store.windowEvents(0), [], 'nothing stored')

  t.equal((await post({ origin: 'https://shop.example' }, view)).statusCode, 202)
  t.equal((await post({ authorization: 'bearer  k2' }, sale)).statusCode, 202,
    'the scheme is case-insensitive')
  t.equal((await post({ 'x-ingest-key': 'k1' }, { ...sale, order: { ...order, id: 'o2' } })).statusCode, 202)
  t.equal((await app.inject('/api/metrics')).json().orders, 2)
})
