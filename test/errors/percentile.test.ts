import t from 'tap'
import { percentile } from '../../plugins/errors/percentile.js'
import { LatencyWindow } from '../../plugins/errors/latency-window.js'
import { isFailedStatus } from '../../plugins/errors/failure.js'

t.test('nearest-rank percentile', async (t) => {
  t.equal(percentile([], 95), 0, 'empty is 0, not NaN')
  t.equal(percentile([42], 95), 42)
  t.equal(percentile([200, 100], 95), 200, 'rank ceil(0.95*2) = 2')
  const oneToTwenty = Array.from({ length: 20 }, (_, i) => 20 - i)
  t.equal(percentile(oneToTwenty, 95), 19, 'rank 19 of 20, unsorted input')
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1)
  t.equal(percentile(oneToHundred, 95), 95)
  t.equal(percentile(oneToHundred, 100), 100)
  t.equal(percentile([1, 2, 3, 1000], 95), 1000, 'rank ceil(3.8) = 4')
  t.throws(() => percentile([1], 0))
  t.throws(() => percentile([1], 101))
})

t.test('latency window keeps the last windowMs of event time', async (t) => {
  const w = new LatencyWindow(300_000)
  t.equal(w.p95(1_000_000), 0, 'empty window')
  for (let i = 1; i <= 19; i++) w.add(1_000_000, 10)
  w.add(1_000_000, 500)
  w.add(690_000, 9_999) // older than 5 minutes at now = 1_000_000
  w.add(1_000_000, Number.NaN)
  t.equal(w.p95(1_000_000), 10, '19 of 20 samples are 10 ms')
  t.equal(w.size, 20, 'the old sample was pruned, NaN never added')
  w.add(1_000_001, 500)
  t.equal(w.p95(1_000_001), 500, 'two of 21 at 500 ms: rank 20 is 500')
  t.equal(w.p95(1_300_000), 500, 'only the sample at 1_000_001 is left')
  t.equal(w.p95(1_300_001), 0, 'window empties: 0')
})

t.test('failed status', async (t) => {
  t.ok(isFailedStatus(0))
  t.ok(isFailedStatus(500))
  t.ok(isFailedStatus(503))
  t.notOk(isFailedStatus(200))
  t.notOk(isFailedStatus(404))
  t.notOk(isFailedStatus(499))
})

t.test('the window stays bounded when nobody reads it', async (t) => {
  const w = new LatencyWindow(300_000)
  const start = Date.parse('2026-01-01T00:00:00Z')
  for (let i = 0; i < 100_000; i++) w.add(start + i * 1000, 10)
  // 100,000 s of one sample a second; 10 minutes (window + future) remain,
  // plus what arrived since the last prune.
  t.ok(w.size < 3000, `kept ${w.size} samples`)
  t.equal(w.p95(start + 99_999 * 1000), 10)
  t.equal(w.size, 300, 'a read keeps exactly the window')
})
