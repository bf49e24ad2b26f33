import t from 'tap'
import { build, sample, T0, tempDb, TestClock } from './fixtures/app.js'
import { Storefront } from './fixtures/storefront.js'

const S = 1_000

t.test('probes: 503, slow, stopped, back up', async (t) => {
  const shop = await new Storefront().start()
  t.teardown(() => shop.stop())
  const clock = new TestClock(T0)
  const app = await build(t, tempDb(t), clock,
    { ECOMPULSE_PROBE_URLS: shop.url })
  const at = async (ts: number) => {
    clock.set(ts)
    await app.reliability.probeOnce()
    return app.reliability.snapshot()
  }

  let snap = app.reliability.snapshot()
  t.same(snap.probes, [{
    target: shop.url, up: false, lastProbeMs: null, downtimeMinutes: 0
  }], 'not probed yet')
  t.equal(snap.latency, 0)

  snap = await at(T0)
  t.equal(snap.probes[0]?.up, true, '0:00 ok: up')
  t.equal(snap.failedRequests, 0)
  t.ok((snap.probes[0]?.lastProbeMs ?? -1) >= 0)

  shop.mode = 'error'
  snap = await at(T0 + 15 * S)
  t.equal(snap.failedRequests, 1, '0:15 503: one failure')
  t.equal(snap.probes[0]?.up, true, 'one failure is not down')
  t.equal(snap.downtime, 0)

  snap = await at(T0 + 30 * S)
  t.equal(snap.failedRequests, 2, '0:30 503 again')
  t.equal(snap.probes[0]?.up, false, 'two in a row: down')
  t.equal(snap.downtime, 1, 'down since 0:15: minute 0')

  shop.mode = 'slow'
  snap = await at(T0 + 75 * S)
  t.equal(snap.failedRequests, 3, '1:15 timeout')
  t.equal(snap.downtime, 2, 'minute 1 too')
  const timedOut = snap.probes[0]?.lastProbeMs ?? 0
  t.ok(timedOut >= 990 && timedOut < 4_000, `timeout probe took ${timedOut} ms`)

  await shop.stop()
  snap = await at(T0 + 150 * S)
  t.equal(snap.failedRequests, 4, '2:30 connection refused')
  t.equal(snap.downtime, 3)

  shop.mode = 'ok'
  await shop.start()
  snap = await at(T0 + 200 * S)
  t.equal(snap.failedRequests, 4, '3:20 ok: no new failure')
  t.equal(snap.probes[0]?.up, true, 'first success: up')
  t.equal(snap.downtime, 4, 'down 0:15 to 3:20: minutes 0, 1, 2, 3')
  t.equal(snap.probes[0]?.downtimeMinutes, 4)
  // six probes in the window, nearest rank ceil(5.7) = 6: the slowest,
  // the timed-out one
  t.equal(snap.latency, timedOut, `p95 is the timeout probe: ${snap.latency} ms`)
  t.comment(`failed=${snap.failedRequests} p95=${snap.latency}ms ` +
    `downtime=${snap.downtime}min`)

  // Five minutes later every probe sample has left the window.
  clock.set(T0 + 200 * S + 300 * S)
  t.equal(app.reliability.snapshot().latency, 0, 'window empty: 0')
  t.equal(app.reliability.snapshot().downtime, 4, 'downtime stays')

  const metrics = await app.inject('/metrics')
  t.equal(metrics.statusCode, 200)
  const label = `{target="${shop.url}"}`
  t.equal(sample(metrics.body, 'ecom_failed_requests_total'), 4)
  t.equal(sample(metrics.body,
    'ecom_failed_requests_by_source_total{source="probe"}'), 4)
  t.equal(sample(metrics.body, 'ecom_downtime_minutes'), 4)
  t.equal(sample(metrics.body, `ecom_probe_up${label}`), 1)
  t.equal(sample(metrics.body, `ecom_probe_failures_total${label}`), 4)
  t.equal(sample(metrics.body, `ecom_probe_downtime_seconds_total${label}`), 240)
  t.ok((sample(metrics.body, `ecom_probe_duration_seconds${label}`) ?? -1) >= 0)
})

t.test('no probe targets: nothing probed, nothing down', async (t) => {
  const app = await build(t, tempDb(t), new TestClock(T0))
  await app.reliability.probeOnce()
  t.same(app.reliability.snapshot(),
    { failedRequests: 0, latency: 0, downtime: 0, probes: [] })
})

t.test('the timer probes once the server listens', async (t) => {
  const shop = await new Storefront().start()
  t.teardown(() => shop.stop())
  const clock = new TestClock(T0)
  const app = await build(t, tempDb(t), clock, {
    ECOMPULSE_PROBE_URLS: shop.url,
    ECOMPULSE_PROBE_INTERVAL_MS: '100',
    ECOMPULSE_PROBE_TIMEOUT_MS: '50'
  })
  t.equal(shop.hits, 0, 'ready alone does not probe')
  await app.listen({ port: 0, host: '127.0.0.1' })
  const deadline = Date.now() + 3_000
  while (shop.hits < 3 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  t.ok(shop.hits >= 3, `probed ${shop.hits} times`)
  t.equal(app.reliability.snapshot().probes[0]?.up, true)
  await app.close()
  const hits = shop.hits
  await new Promise((resolve) => setTimeout(resolve, 300))
  t.equal(shop.hits, hits, 'no probe after close')
})

t.test('close aborts a probe in flight without recording it', async (t) => {
  const shop = await new Storefront().start()
  t.teardown(() => shop.stop())
  shop.mode = 'slow'
  const app = await build(t, tempDb(t), new TestClock(T0), {
    ECOMPULSE_PROBE_URLS: shop.url,
    ECOMPULSE_PROBE_TIMEOUT_MS: '5000'
  })
  const round = app.reliability.probeOnce()
  await new Promise((resolve) => setTimeout(resolve, 50))
  await app.close()
  await round
  t.equal(app.reliability.snapshot().failedRequests, 0)
  t.equal(app.reliability.snapshot().probes[0]?.lastProbeMs, null)
})
