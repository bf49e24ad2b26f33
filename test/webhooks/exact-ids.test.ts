import t from 'tap'
import { parseJsonKeepingBigInts } from '../../src/lib/json.js'
import { base64Hmac, figures, post, webhookApp } from './sign.js'

t.test('integers past 2^53 are read as exact strings', async (t) => {
  t.same(parseJsonKeepingBigInts('{"id":9007199254740993,"n":12,"x":-1.5e3}'),
    { id: '9007199254740993', n: 12, x: -1500 })
  t.same(parseJsonKeepingBigInts('[12345678901234567890, -9007199254740993]'),
    ['12345678901234567890', '-9007199254740993'])
  t.same(parseJsonKeepingBigInts('{"note":"id: 9007199254740993, \\"q\\" 1"}'),
    { note: 'id: 9007199254740993, "q" 1' }, 'strings are left alone')
  t.equal(parseJsonKeepingBigInts('9007199254740991'), 9007199254740991)
  t.throws(() => parseJsonKeepingBigInts('{"id": 1'))
})

t.test('two Shopify orders whose ids differ past 2^53 are two orders', async (t) => {
  const app = await webhookApp(t)
  const order = (id: string) => `{"id":${id},"created_at":"2024-05-01T10:00:00Z",` +
    '"currency":"USD","total_price":"1.00","financial_status":"paid","test":false}'
  for (const id of ['9007199254740993', '9007199254740992', '9007199254740993']) {
    const body = order(id)
    const res = await post(app, 'shopify', body, {
      'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': base64Hmac('hush', body)
    })
    t.equal(res.statusCode, 200)
  }
  const [first] = await app.store.windowEvents(0)
  t.equal(first?.order?.id, '9007199254740993')
  const f = await figures(app)
  t.equal(f.orders, 2)
  t.equal(f.revenue, 2)
})

t.test('a refund cannot take back more than its order', async (t) => {
  const app = await webhookApp(t)
  const send = (payload: object) => app.inject({ method: 'POST', url: '/api/events', payload })
  await send({ type: 'order_completed', order: { id: 'o1', total: '19.99', currency: 'USD' } })
  const refund = (id: string, amount: string, orderId = 'o1') => send({
    type: 'order_refunded', refund: { id, orderId, amount, currency: 'USD' }
  })
  t.equal((await refund('r1', '999999')).statusCode, 202)
  t.equal((await figures(app)).refunds, 19.99, 'lowered to the order total')
  await refund('r2', '5.00')
  t.equal((await figures(app)).refunds, 19.99, 'nothing left to refund')
  await refund('r3', '7.50', 'booked-before-ecompulse')
  const f = await figures(app)
  t.equal(f.refunds, 27.49, 'an unknown order is taken as sent')
  t.equal(f.netRevenue, -7.5)
})

t.test('WooCommerce: a form body that is no ping is refused', async (t) => {
  const app = await webhookApp(t)
  const body = 'order=1&total=5'
  const res = await app.inject({ method: 'POST', url: '/webhooks/woocommerce',
    headers: { 'content-type': 'application/x-www-form-urlencoded',
      'x-wc-webhook-signature': base64Hmac('hush', body) },
    payload: body })
  t.equal(res.statusCode, 400)
  t.equal(res.json().field, 'content-type')
})
