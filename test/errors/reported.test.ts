import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build, sample, T0, tempDb, TestClock } from './fixtures/app.js'
import { Storefront } from './fixtures/storefront.js'

const S = 1_000

function requestEvent (status: number, durationMs: number, ts: number,
  id?: string) {
  return {
    type: 'request',
    ...(id === undefined ? {} : { id }),
    timestamp: new Date(ts).toISOString(),
    request: { route: '/products/:id', status, durationMs }
  }
}

async function send (app: FastifyInstance, events: unknown[]) {
  return app.inject({ method: 'POST', url: '/api/events', payload: { events } })
}

t.test('reported requests: failures and p95', async (t) => {
  const db = tempDb(t)
  const clock = new TestClock(T0 + 10 * 60 * S)
  const now = clock.now
  const app = await build(t, db, clock)

  // 20 requests of 10..200 ms: nearest rank ceil(19) = 19 -> 190 ms.
  const events = Array.from({ length: 20 }, (_, i) =>
    requestEvent(200, (i + 1) * 10, now - i * S, `ok-${i}`))
  let res = await send(app, events)
  t.equal(res.statusCode, 202)
  t.equal(app.reliability.snapshot().latency, 190, 'p95 of 10..200 ms')
  t.equal(app.reliability.snapshot().failedRequests, 0, '2xx are no failure')

  res = await send(app, [
    requestEvent(500, 5, now, 'e500'),
    requestEvent(503, 5, now, 'e503'),
    requestEvent(0, 5, now, 'net'),
    requestEvent(404, 5, now, 'nf'),
    requestEvent(499, 5, now, 'client')
  ])
  t.equal(res.statusCode, 202)
  t.equal(app.reliability.snapshot().failedRequests, 3, '500, 503 and 0')

  res = await send(app, [requestEvent(500, 5, now, 'e500')])
  t.equal(res.statusCode, 202)
  t.equal(app.reliability.snapshot().failedRequests, 3, 'a retry counts once')

  // An old event counts as a failure but is outside the latency window.
  res = await send(app, [requestEvent(502, 60_000, now - 6 * 60 * S, 'old')])
  t.equal(res.statusCode, 202)
  let snap = app.reliability.snapshot()
  t.equal(snap.failedRequests, 4)
  // 25 samples in the window: rank ceil(23.75) = 24 -> 190 ms
  t.equal(snap.latency, 190)
  t.comment(`failed=${snap.failedRequests} p95=${snap.latency}ms`)
  await app.close()

  // Restart: failures come from the store, replayed events refill the
  // window without being counted again.
  const again = await build(t, db, clock)
  snap = again.reliability.snapshot()
  t.equal(snap.failedRequests, 4, 'not counted again after a restart')
  t.equal(snap.latency, 190, 'window rebuilt from the stored events')
  clock.set(now + 5 * 60 * S)
  t.equal(again.reliability.snapshot().latency, 0, 'window passed: 0')
})

t.test('/api/metrics equals /metrics for the reliability figures',
  async (t) => {
    const shop = await new Storefront().start()
    t.teardown(() => shop.stop())
    const clock = new TestClock(T0)
    const app = await build(t, tempDb(t), clock,
      { ECOMPULSE_PROBE_URLS: shop.url })
    shop.mode = 'error'
    for (const ts of [T0 + 10 * S, T0 + 25 * S, T0 + 70 * S]) {
      clock.set(ts)
      await app.reliability.probeOnce()
    }
    const res = await send(app, [
      requestEvent(200, 120, T0 + 60 * S),
      requestEvent(504, 900, T0 + 61 * S)
    ])
    t.equal(res.statusCode, 202)

    const json = await app.inject('/api/metrics')
    const text = await app.inject('/metrics')
    t.equal(json.statusCode, 200)
    t.equal(text.statusCode, 200)
    const body = json.json()
    const label = `{target="${shop.url}"}`
    t.equal(body.failedRequests, 4, '3 probes and one 504')
    t.equal(body.downtime, 2, 'down since 0:10, probed down at 1:10')
    t.equal(body.latency, 900, 'five samples: rank 5 is the slowest')
    t.equal(sample(text.body, 'ecom_failed_requests_total'), body.failedRequests)
    t.equal(sample(text.body, 'ecom_request_latency_ms'), body.latency)
    t.equal(sample(text.body, 'ecom_downtime_minutes'), body.downtime)
    t.equal(sample(text.body,
      'ecom_failed_requests_by_source_total{source="reported"}'), 1)
    const probe = body.probes[0]
    t.same(probe, { target: shop.url, up: false,
      lastProbeMs: probe.lastProbeMs, downtimeMinutes: 2 })
    t.equal(sample(text.body, `ecom_probe_up${label}`), 0)
    t.equal(sample(text.body, `ecom_probe_downtime_seconds_total${label}`),
      probe.downtimeMinutes * 60)
    t.equal(sample(text.body, `ecom_probe_duration_seconds${label}`),
      Math.round(probe.lastProbeMs * 1000) / 1e6, 'the same duration, in seconds')
    t.match(text.body, /# HELP ecom_request_latency_ms p95 \(nearest rank\)/)
  })
