import t from 'tap'
import { build, T0, tempDb, TestClock } from './fixtures/app.js'
import { Storefront } from './fixtures/storefront.js'

const S = 1_000

t.test('downtime survives a restart, no minute counted twice', async (t) => {
  // Two targets down at the same time: one answers 503, one is stopped.
  const failing = await new Storefront().start()
  const stopped = await new Storefront().start()
  t.teardown(() => failing.stop())
  failing.mode = 'error'
  const stoppedUrl = stopped.url
  await stopped.stop()
  const db = tempDb(t)
  const clock = new TestClock(T0)
  const env = { ECOMPULSE_PROBE_URLS: `${failing.url},${stoppedUrl}` }

  const first = await build(t, db, clock, env)
  for (const ts of [T0 + 10 * S, T0 + 25 * S, T0 + 70 * S]) {
    clock.set(ts)
    await first.reliability.probeOnce()
  }
  let snap = first.reliability.snapshot()
  t.equal(snap.failedRequests, 6, '3 rounds x 2 targets')
  t.equal(snap.downtime, 2, 'minutes 0 and 1, once for both targets')
  t.same(snap.probes.map((p) => [p.up, p.downtimeMinutes]),
    [[false, 2], [false, 2]])
  await first.close()

  // The service was off from 1:10 to 2:10; the outage goes on.
  clock.set(T0 + 130 * S)
  const second = await build(t, db, clock, env)
  snap = second.reliability.snapshot()
  t.equal(snap.failedRequests, 6, 'failures restored')
  t.equal(snap.downtime, 2, 'downtime restored')
  t.same(snap.probes.map((p) => [p.up, p.lastProbeMs, p.downtimeMinutes]),
    [[false, null, 2], [false, null, 2]], 'still down after the restart')

  await second.reliability.probeOnce()
  snap = second.reliability.snapshot()
  t.equal(snap.failedRequests, 8)
  t.equal(snap.downtime, 3, '2:10 still down: minute 2 is new, 0-1 not again')

  failing.mode = 'ok'
  clock.set(T0 + 200 * S)
  await second.reliability.probeOnce()
  snap = second.reliability.snapshot()
  t.equal(snap.downtime, 4, 'failing target up at 3:20; the other still down')
  t.same(snap.probes.map((p) => [p.up, p.downtimeMinutes]),
    [[true, 4], [false, 4]])
  t.equal(snap.failedRequests, 9)
  t.comment(`failed=${snap.failedRequests} downtime=${snap.downtime}min ` +
    `per target=${snap.probes.map((p) => p.downtimeMinutes).join(',')}`)
  await second.close()

  // A third start after the clock moved on reads the same totals.
  clock.set(T0 + 400 * S)
  const third = await build(t, db, clock, env)
  snap = third.reliability.snapshot()
  t.equal(snap.downtime, 4)
  t.equal(snap.failedRequests, 9)
})

t.test('a failure before and one after a restart make an outage',
  async (t) => {
    const shop = await new Storefront().start()
    t.teardown(() => shop.stop())
    shop.mode = 'error'
    const db = tempDb(t)
    const clock = new TestClock(T0 + 50 * S)
    const env = { ECOMPULSE_PROBE_URLS: shop.url }

    const first = await build(t, db, clock, env)
    await first.reliability.probeOnce()
    t.equal(first.reliability.snapshot().downtime, 0, 'one failure at 0:50')
    await first.close()

    clock.set(T0 + 65 * S)
    const second = await build(t, db, clock, env)
    await second.reliability.probeOnce()
    const snap = second.reliability.snapshot()
    t.equal(snap.probes[0]?.up, false, 'second failure in a row at 1:05')
    t.equal(snap.downtime, 2, 'down since 0:50: minutes 0 and 1')
  })
