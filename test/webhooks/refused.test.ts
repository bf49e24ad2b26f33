import t from 'tap'
import { sharedDataMissing } from '../helper.js'
import {
  base64Hmac, figures, fixture, NOW, post, stripeSignature, webhookApp
} from './sign.js'

function reserialised (raw: Buffer): Buffer {
  return Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))))
}

function oneByteChanged (raw: Buffer): Buffer {
  const copy = Buffer.from(raw)
  const at = copy.indexOf('4')
  copy[at] = '5'.charCodeAt(0)
  return copy
}

const hmacPlatforms: Array<{
  platform: string, file: string, header: string, topic: Record<string, string>
}> = [
  {
    platform: 'shopify',
    file: 'shopify-order.json',
    header: 'x-shopify-hmac-sha256',
    topic: { 'x-shopify-topic': 'orders/create' }
  },
  {
    platform: 'woocommerce',
    file: 'woocommerce-order.json',
    header: 'x-wc-webhook-signature',
    topic: { 'x-wc-webhook-topic': 'order.created' }
  }
]

for (const { platform, file, header, topic } of hmacPlatforms) {
  t.test(`${platform}: bad signatures are 401 and change nothing`,
    { skip: sharedDataMissing }, async (t) => {
      const app = await webhookApp(t)
      const raw = fixture(file)
      const before = await figures(app)
      const good = base64Hmac('hush', raw)
      const attempts: Array<[string, Buffer, Record<string, string>]> = [
        ['missing', raw, {}],
        ['wrong secret', raw, { [header]: base64Hmac('hash', raw) }],
        ['garbage', raw, { [header]: 'not base64 at all!' }],
        ['signature with junk around it', raw, { [header]: `${good}!!` }],
        ['empty', raw, { [header]: '' }],
        ['re-serialised body', reserialised(raw), { [header]: good }],
        ['one byte changed', oneByteChanged(raw), { [header]: good }],
        ['hex instead of base64', raw, {
          [header]: Buffer.from(good, 'base64').toString('hex')
        }]
      ]
      for (const [what, body, headers] of attempts) {
        const res = await post(app, platform, body, { ...topic, ...headers })
        t.equal(res.statusCode, 401, what)
        t.equal(res.json().code, 'ECOM_UNAUTHORIZED')
      }
      t.same(await figures(app), before, 'nothing changed')

      const ok = await post(app, platform, raw, { ...topic, [header]: good })
      t.equal(ok.statusCode, 200, 'the right signature still passes')
    })
}

t.test('stripe: bad, stale and malformed signatures are 401 and change nothing',
  { skip: sharedDataMissing }, async (t) => {
    const app = await webhookApp(t)
    const raw = fixture('stripe-checkout.session.completed.json')
    const before = await figures(app)
    const good = stripeSignature(raw)
    const t0 = NOW / 1000
    const attempts: Array<[string, Buffer, string | undefined]> = [
      ['missing', raw, undefined],
      ['wrong secret', raw, stripeSignature(raw, t0, 'whsec_other')],
      ['stale by 301 s', raw, stripeSignature(raw, t0 - 301)],
      ['301 s in the future', raw, stripeSignature(raw, t0 + 301)],
      ['timestamp changed', raw, good.replace(`t=${t0}`, `t=${t0 + 1}`)],
      ['no v1', raw, `t=${t0}`],
      ['only v0', raw, good.replace('v1=', 'v0=')],
      ['no timestamp', raw, good.replace(`t=${t0},`, '')],
      ['re-serialised body', reserialised(raw), good],
      ['one byte changed', oneByteChanged(raw), good]
    ]
    for (const [what, body, signature] of attempts) {
      const headers: Record<string, string> =
        signature === undefined ? {} : { 'stripe-signature': signature }
      const res = await post(app, 'stripe', body, headers)
      t.equal(res.statusCode, 401, what)
    }
    t.same(await figures(app), before, 'nothing changed')

    const edge = await post(app, 'stripe', raw, {
      'stripe-signature': stripeSignature(raw, t0 - 300)
    })
    t.equal(edge.statusCode, 200, '300 s old is within the tolerance')
  })

t.test('stripe: any v1 may match while a secret rolls', async (t) => {
  const app = await webhookApp(t)
  const body = JSON.stringify({
    id: 'evt_roll', type: 'payment_intent.succeeded', created: NOW / 1000, livemode: true,
    data: { object: { id: 'pi_roll', amount_received: 700, currency: 'usd', status: 'succeeded' } }
  })
  const old = stripeSignature(body, NOW / 1000, 'whsec_old').split(',')[1] as string
  const current = stripeSignature(body).split(',')[1] as string
  const res = await post(app, 'stripe', body, {
    'stripe-signature': `t=${NOW / 1000},${old},${current},v0=abc`
  })
  t.equal(res.statusCode, 200)
  t.equal((await figures(app)).revenue, 7)
})
