import t from 'tap'
import { sharedDataMissing } from '../helper.js'
import { figures, fixture, NOW, post, stripeSignature, webhookApp } from './sign.js'

const VECTORS: Record<string, string> = {
  'stripe-checkout.session.completed.json':
    'c53ed2bb2713df8208623871cba10848e57409d72f48ba0b45dffbaa36777f98',
  'stripe-payment_intent.succeeded.json':
    'ff86c3d0c8db2d6febf44545340eca6ed2b773248255c6ac4b20f7654368ba94',
  'stripe-charge.refunded.json':
    '128dd6cb25c6f30a5a025ff1958533eb3233eb7270d0504feb40a61983dcf60a'
}

const sig = (file: string) => ({
  'stripe-signature': `t=1700000000,v1=${VECTORS[file] as string}`
})

t.test('the fixtures with their vectors', { skip: sharedDataMissing }, async (t) => {
  const app = await webhookApp(t)
  for (const file of Object.keys(VECTORS)) {
    t.equal(stripeSignature(fixture(file)), sig(file)['stripe-signature'], `${file} vector`)
  }

  const checkout = 'stripe-checkout.session.completed.json'
  for (let i = 0; i < 2; i++) {
    const res = await post(app, 'stripe', fixture(checkout), sig(checkout))
    t.equal(res.statusCode, 200)
  }
  let now = await figures(app)
  t.same(now.revenueByCurrency, { EUR: 9.99 }, 'checkout books 9.99 EUR once')
  t.equal(now.orders, 1)
  t.equal(now.revenue, 0, 'EUR stays out of the USD headline without a rate')

  const intent = 'stripe-payment_intent.succeeded.json'
  const refund = 'stripe-charge.refunded.json'
  for (const file of [intent, refund]) {
    const res = await post(app, 'stripe', fixture(file), sig(file))
    t.equal(res.statusCode, 200, file)
    t.equal(res.json().events, 0, `${file} books nothing`)
  }
  now = await figures(app)
  t.equal(now.orders, 1)
  t.equal(now.refunds, 0)
  t.same(now.refundsByCurrency, { EUR: 0 })
})

t.test('the refund fixture in live mode books 25.00 USD once',
  { skip: sharedDataMissing }, async (t) => {
    const app = await webhookApp(t)
    const event = JSON.parse(fixture('stripe-charge.refunded.json').toString('utf8'))
    event.livemode = true
    const body = JSON.stringify(event)
    for (let i = 0; i < 2; i++) {
      const res = await post(app, 'stripe', body, { 'stripe-signature': stripeSignature(body) })
      t.equal(res.statusCode, 200)
    }
    const now = await figures(app)
    t.same(now.refundsByCurrency, { USD: 25 })
    t.equal(now.refunds, 25)
  })

function event (id: string, type: string, object: object, extra: object = {}) {
  return JSON.stringify({
    id, object: 'event', type, created: NOW / 1000 - 60, livemode: true,
    data: { object, ...extra }
  })
}

const send = (app: Awaited<ReturnType<typeof webhookApp>>, body: string) =>
  post(app, 'stripe', body, { 'stripe-signature': stripeSignature(body) })

t.test('a checkout session and its payment intent are one order', async (t) => {
  const app = await webhookApp(t)
  const intent = event('evt_pi', 'payment_intent.succeeded', {
    id: 'pi_1', object: 'payment_intent', amount: 4200, amount_received: 4200,
    currency: 'usd', status: 'succeeded'
  })
  const session = event('evt_cs', 'checkout.session.completed', {
    id: 'cs_1', object: 'checkout.session', amount_total: 4200, currency: 'usd',
    payment_status: 'paid', payment_intent: 'pi_1'
  })
  // In either order, and each retried.
  for (const body of [intent, session, session, intent]) {
    t.equal((await send(app, body)).statusCode, 200)
  }
  const now = await figures(app)
  t.equal(now.orders, 1)
  t.equal(now.revenue, 42)
})

t.test('zero-decimal and Stripe-specific currencies land as ISO minor units', async (t) => {
  const app = await webhookApp(t)
  const pay = (id: string, amount: number, currency: string) => event(`evt_${id}`,
    'payment_intent.succeeded', {
      id, amount, amount_received: amount, currency, status: 'succeeded'
    })
  for (const body of [pay('pi_jpy', 500, 'jpy'), pay('pi_kwd', 1250, 'kwd'),
    pay('pi_isk', 50000, 'isk'), pay('pi_mga', 500, 'mga')]) {
    t.equal((await send(app, body)).statusCode, 200)
  }
  const now = await figures(app)
  t.same(now.revenueByCurrency, { ISK: 500, JPY: 500, KWD: 1.25, MGA: 500 })

  const odd = await send(app, pay('pi_isk2', 50001, 'isk'))
  t.equal(odd.statusCode, 400)
  t.equal(odd.json().field, 'data.object.amount_received')
})

t.test('unpaid, test-mode and unknown events book nothing', async (t) => {
  const app = await webhookApp(t)
  const bodies = [
    event('evt_1', 'checkout.session.completed', {
      id: 'cs_2', amount_total: 100, currency: 'usd', payment_status: 'unpaid'
    }),
    event('evt_2', 'payment_intent.succeeded', {
      id: 'pi_2', amount_received: 100, currency: 'usd', status: 'processing'
    }),
    JSON.stringify({
      id: 'evt_3', type: 'payment_intent.succeeded', created: 1, livemode: false,
      data: { object: { id: 'pi_3', amount_received: 100, currency: 'usd', status: 'succeeded' } }
    }),
    event('evt_4', 'customer.created', { id: 'cus_1' })
  ]
  for (const body of bodies) {
    const res = await send(app, body)
    t.equal(res.statusCode, 200)
    t.equal(res.json().events, 0)
  }
  t.equal((await figures(app)).orders, 0)
})

t.test('refunds without the list book the change in amount_refunded', async (t) => {
  const app = await webhookApp(t)
  const charge = (refunded: number, before: number, id: string) => event(id, 'charge.refunded',
    {
      id: 'ch_9',
      amount: 5000,
      amount_refunded: refunded,
      currency: 'usd',
      payment_intent: 'pi_9'
    },
    { previous_attributes: { amount_refunded: before } })
  const bodies = [
    charge(1000, 0, 'evt_a'), charge(1000, 0, 'evt_a'), charge(3000, 1000, 'evt_b')
  ]
  for (const body of bodies) {
    t.equal((await send(app, body)).statusCode, 200)
  }
  t.same((await figures(app)).refundsByCurrency, { USD: 30 })
})

t.test('a signed event with a broken field is a 400 naming it', async (t) => {
  const app = await webhookApp(t)
  const cases: Array<[string, string]> = [
    [event('evt_x', 'payment_intent.succeeded', {
      id: 'pi_x', amount_received: 1.5, currency: 'usd', status: 'succeeded'
    }), 'data.object.amount_received'],
    [event('evt_y', 'checkout.session.completed', {
      id: 'cs_y', amount_total: 100, currency: 'zzz', payment_status: 'paid'
    }), 'data.object.currency'],
    [JSON.stringify({ id: 'evt_z', type: 'charge.refunded', created: 1, livemode: 'yes' }),
      'livemode'],
    [JSON.stringify({ id: 'evt_w', created: 1, livemode: true }), 'type']
  ]
  for (const [body, field] of cases) {
    const res = await send(app, body)
    t.equal(res.statusCode, 400, field)
    t.equal(res.json().field, field)
  }
  t.equal((await figures(app)).orders, 0)
})
