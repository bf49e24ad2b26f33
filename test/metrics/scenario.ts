import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { build } from '../helper.js'

/**
 * A storefront on loopback that answers 200, for the probes, so the
 * per-target series exist. Closed at the end of the test.
 */
export async function storefront (t: Test): Promise<string> {
  const server: Server = createServer((_, res) => res.end('ok'))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => new Promise((resolve) => server.close(resolve)))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return `http://127.0.0.1:${address.port}/`
}

const UA_BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; ' +
  '+http://www.google.com/bot.html)'

/** One event of each kind, so every labelled series has a sample. */
const EVENTS = [
  { type: 'page_view', sessionId: 's1', userId: 'u1',
    url: 'https://shop.test/?utm_medium=cpc' },
  { type: 'order_completed', sessionId: 's1', userId: 'u1',
    order: { id: 'o1', total: '20.00', currency: 'USD' } },
  { type: 'order_completed', sessionId: 's1', userId: 'u1',
    order: { id: 'o2', total: '5.50', currency: 'EUR' } },
  { type: 'order_refunded', sessionId: 's1', userId: 'u1',
    refund: { orderId: 'o1', amount: '2.00', currency: 'USD' } },
  { type: 'page_view', sessionId: 'b1', userAgent: UA_BOT },
  { type: 'request', sessionId: 's1',
    request: { route: '/cart', status: 503, durationMs: 120 } }
]

/**
 * An app with a probed storefront, fed one event of each kind and a few
 * requests (one to an unknown route, which must not add a series), then
 * probed once by hand: it does not listen, so no timer probes.
 */
export async function exercisedApp (t: Test): Promise<FastifyInstance> {
  const app = await build(t, {
    ECOMPULSE_PROBE_URLS: await storefront(t),
    ECOMPULSE_HEALTH_SAMPLE_MS: '600000'
  })
  const res = await app.inject({
    method: 'POST', url: '/api/events', payload: { events: EVENTS }
  })
  t.equal(res.statusCode, 202, res.body)
  t.equal((await app.inject('/api/metrics')).statusCode, 200)
  t.equal((await app.inject('/health')).statusCode, 200)
  t.equal((await app.inject('/no/such/route')).statusCode, 404)
  await app.reliability.probeOnce()
  return app
}
