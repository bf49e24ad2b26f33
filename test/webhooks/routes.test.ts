import { Writable } from 'node:stream'
import t from 'tap'
import { base64Hmac, NOW, post, SECRETS, stripeSignature, webhookApp } from './sign.js'
import { build } from '../helper.js'

t.test('a platform without a secret has no route', async (t) => {
  const app = await webhookApp(t, { ECOMPULSE_STRIPE_SECRET: 'whsec_hush' })
  for (const platform of ['shopify', 'woocommerce']) {
    const res = await post(app, platform, '{}', {})
    t.equal(res.statusCode, 404, platform)
  }
  const stripe = await post(app, 'stripe', '{}', {})
  t.equal(stripe.statusCode, 401, 'stripe is live')
})

t.test('the start log names the live webhook routes', async (t) => {
  const lines: string[] = []
  const stream = new Writable({
    write (chunk, _enc, done) { lines.push(String(chunk)); done() }
  })
  await build(t, { ECOMPULSE_SHOPIFY_SECRET: 'hush' },
    { clock: () => NOW, logger: { level: 'info', stream } })
  const entry = lines.map((l) => JSON.parse(l)).find((l) => Array.isArray(l.routes))
  t.same(entry?.routes, ['/webhooks/shopify'])
  t.match(entry?.msg, /webhook routes live: \/webhooks\/shopify/)
  t.notMatch(lines.join(''), /hush/, 'the secret is never logged')
})

t.test('/api/events keeps its JSON parser beside the raw webhook bodies', async (t) => {
  const app = await webhookApp(t)
  const res = await app.inject({
    method: 'POST',
    url: '/api/events',
    payload: {
      type: 'order_completed',
      id: 'e1',
      order: { id: 'o1', total: '1.50', currency: 'USD' }
    }
  })
  t.equal(res.statusCode, 202)
  const bad = await app.inject({
    method: 'POST',
    url: '/api/events',
    headers: { 'content-type': 'application/json' },
    payload: '{'
  })
  t.equal(bad.statusCode, 400)
})

t.test('bodies up to 5 MiB are taken, larger ones are 413', async (t) => {
  const app = await webhookApp(t, SECRETS)
  const order = {
    id: 77, created_at: '2024-05-01T10:00:00Z', currency: 'USD', total_price: '1.00',
    note: 'x'.repeat(2 * 1024 * 1024)
  }
  const raw = JSON.stringify(order)
  const big = await post(app, 'shopify', raw, {
    'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': base64Hmac('hush', raw)
  })
  t.equal(big.statusCode, 200, '2 MiB is over the app default but within 5 MiB')

  const huge = JSON.stringify({ ...order, note: 'x'.repeat(5 * 1024 * 1024) })
  const res = await post(app, 'shopify', huge, {
    'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': base64Hmac('hush', huge)
  })
  t.equal(res.statusCode, 413)
})

t.test('other content types and empty bodies are refused, never a 500', async (t) => {
  const app = await webhookApp(t)
  const xml = await app.inject({
    method: 'POST',
    url: '/webhooks/shopify',
    headers: { 'content-type': 'text/xml' },
    payload: '<a/>'
  })
  t.equal(xml.statusCode, 415)
  const empty = await post(app, 'shopify', '', {
    'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': base64Hmac('hush', '')
  })
  t.equal(empty.statusCode, 400)
  t.equal(empty.json().field, 'body')
  const list = await post(app, 'shopify', '[1]', {
    'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': base64Hmac('hush', '[1]')
  })
  t.equal(list.statusCode, 400)
})

t.test('a charset on the JSON content type is fine', async (t) => {
  const app = await webhookApp(t)
  const body = '{"id":"evt_c","type":"ping","created":1,"livemode":true}'
  const res = await app.inject({
    method: 'POST',
    url: '/webhooks/stripe',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': stripeSignature(body)
    },
    payload: body
  })
  t.equal(res.statusCode, 200)
})
