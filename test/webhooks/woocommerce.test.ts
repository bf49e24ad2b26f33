import t from 'tap'
import { sharedDataMissing } from '../helper.js'
import { base64Hmac, figures, fixture, post, webhookApp } from './sign.js'

const ORDER_SIG = 'z5WgKizz0lB6jg96CXmdO5pkbno7RSHkyGToV7RkdOY='

const headers = (topic: string, signature: string, delivery?: string) => ({
  'x-wc-webhook-topic': topic,
  'x-wc-webhook-signature': signature,
  ...(delivery === undefined ? {} : { 'x-wc-webhook-delivery-id': delivery })
})

t.test('the fixture books 29.35 USD once, created and updated',
  { skip: sharedDataMissing }, async (t) => {
    const app = await webhookApp(t)
    const order = fixture('woocommerce-order.json')
    t.equal(base64Hmac('hush', order), ORDER_SIG, 'the README vector')
    for (const topic of ['order.created', 'order.updated', 'order.updated']) {
      const res = await post(app, 'woocommerce', order, headers(topic, ORDER_SIG, `d-${topic}`))
      t.equal(res.statusCode, 200, topic)
    }
    const now = await figures(app)
    t.equal(now.orders, 1)
    t.equal(now.revenue, 29.35)
    const metrics = await app.inject('/api/metrics')
    t.equal(metrics.json().lastOrderAt, '2017-03-22T19:28:08.000Z', 'date_paid_gmt read as UTC')
  })

t.test('the saving ping is answered 200 and books nothing', async (t) => {
  const app = await webhookApp(t)
  const res = await app.inject({
    method: 'POST',
    url: '/webhooks/woocommerce',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'webhook_id=17'
  })
  t.equal(res.statusCode, 200)
  t.equal(res.json().events, 0)

  const forged = await app.inject({
    method: 'POST',
    url: '/webhooks/woocommerce',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'webhook_id=17&total=5'
  })
  t.equal(forged.statusCode, 401, 'anything more than a ping needs a signature')
})

const ORDER = {
  id: 900,
  status: 'processing',
  currency: 'EUR',
  total: '50.00',
  date_created_gmt: '2024-05-01T10:00:00',
  date_paid_gmt: '2024-05-01T10:01:00',
  date_modified_gmt: '2024-05-02T09:00:00',
  refunds: [] as Array<{ id: number, total: string }>
}

function send (app: Awaited<ReturnType<typeof webhookApp>>, topic: string, body: object) {
  const raw = JSON.stringify(body)
  return post(app, 'woocommerce', raw, headers(topic, base64Hmac('hush', raw)))
}

t.test('refunds listed on the order book once each; unpaid orders nothing', async (t) => {
  const app = await webhookApp(t)
  await send(app, 'order.created', { ...ORDER, id: 901, status: 'pending' })
  await send(app, 'order.created', { ...ORDER, id: 902, status: 'on-hold' })
  await send(app, 'order.updated', { ...ORDER, id: 903, status: 'failed' })
  await send(app, 'order.deleted', { id: 900 })
  t.equal((await figures(app)).orders, 0)

  await send(app, 'order.created', ORDER)
  await send(app, 'order.updated', { ...ORDER, refunds: [{ id: 1, total: '-5.00' }] })
  await send(app, 'order.updated', {
    ...ORDER, status: 'refunded', refunds: [{ id: 2, total: '-45.00' }, { id: 1, total: '-5.00' }]
  })
  const now = await figures(app)
  t.equal(now.orders, 1)
  t.same(now.revenueByCurrency, { EUR: 50 })
  t.same(now.refundsByCurrency, { EUR: 50 })
})

t.test('a paid order cancelled is taken back once', async (t) => {
  const app = await webhookApp(t)
  await send(app, 'order.created', ORDER)
  const cancelled = { ...ORDER, status: 'cancelled', refunds: [{ id: 3, total: '-10.00' }] }
  await send(app, 'order.updated', cancelled)
  await send(app, 'order.updated', cancelled)
  await send(app, 'order.updated', { ...ORDER, id: 904, status: 'cancelled', date_paid_gmt: null })
  const now = await figures(app)
  t.equal(now.orders, 1)
  t.same(now.refundsByCurrency, { EUR: 50 }, '10.00 refunded + 40.00 cancelled')
})

t.test('a signed body with a broken field is a 400 naming it', async (t) => {
  const app = await webhookApp(t)
  const cases: Array<[object, string]> = [
    [{ ...ORDER, total: '5,00' }, 'total'],
    [{ ...ORDER, date_paid_gmt: '2024-05-01T10:01:00Z' }, 'date_paid_gmt'],
    [{ ...ORDER, status: 7 }, 'status'],
    [{ ...ORDER, refunds: [{ id: 1, total: 'x' }] }, 'refunds[0].total'],
    [{ ...ORDER, refunds: 'none' }, 'refunds']
  ]
  for (const [body, field] of cases) {
    const res = await send(app, 'order.created', body)
    t.equal(res.statusCode, 400, field)
    t.equal(res.json().field, field)
  }
  t.equal((await figures(app)).orders, 0)
})
