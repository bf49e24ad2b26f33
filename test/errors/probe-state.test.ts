import t from 'tap'
import {
  INITIAL_STATE, minuteOf, rangeSize, step, type TargetState
} from '../../plugins/errors/probe-state.js'

const M = 60_000
const T0 = 1_000 * M // a minute boundary

function run (results: Array<[boolean, number]>, from = INITIAL_STATE) {
  let state: TargetState = from
  let minutes = 0
  const changes: string[] = []
  for (const [ok, ts] of results) {
    const s = step(state, ok, ts)
    state = s.state
    minutes += rangeSize(s.down)
    if (s.changed !== null) changes.push(s.changed)
  }
  return { state, minutes, changes }
}

t.test('minutes are wall-clock minutes', async (t) => {
  t.equal(minuteOf(T0), 1000)
  t.equal(minuteOf(T0 + M - 1), 1000)
  t.equal(minuteOf(T0 + M), 1001)
  t.equal(rangeSize(null), 0)
  t.equal(rangeSize({ from: 3, to: 5 }), 3)
})

t.test('one failure is not down', async (t) => {
  const r = run([[true, T0], [false, T0 + 15_000], [true, T0 + 30_000]])
  t.equal(r.state.health, 'up')
  t.equal(r.minutes, 0)
  t.same(r.changes, [])
  const first = step(INITIAL_STATE, false, T0)
  t.equal(first.state.health, 'unknown', 'never probed, one failure')
  t.equal(first.state.failingSince, T0)
})

t.test('two failures in a row: down from the first', async (t) => {
  // fails at 0:50 and 1:05 -> minutes 0 and 1 are down
  const r = run([[false, T0 + 50_000], [false, T0 + M + 5_000]])
  t.equal(r.state.health, 'down')
  t.equal(r.state.failingSince, T0 + 50_000)
  t.equal(r.minutes, 2)
  t.same(r.changes, ['down'])
})

t.test('an outage counts each touched minute once', async (t) => {
  // down from 0:10; probes every 15 s until 3:20; up at 3:20
  const results: Array<[boolean, number]> = []
  for (let ts = T0 + 10_000; ts < T0 + 3 * M + 20_000; ts += 15_000) {
    results.push([false, ts])
  }
  results.push([true, T0 + 3 * M + 20_000])
  const r = run(results)
  t.equal(r.minutes, 4, 'minutes 0, 1, 2 and 3')
  t.same(r.changes, ['down', 'up'])
  t.equal(r.state.health, 'up')
  t.equal(r.state.countedThrough, null)
})

t.test('the success ends the outage just before it', async (t) => {
  // down 0:30 .. 0:45, success exactly at 1:00: minute 1 is not down
  const r = run([[false, T0 + 30_000], [false, T0 + 45_000], [true, T0 + M]])
  t.equal(r.minutes, 1)
  // success at 2:00 after a last failure at 0:45: 0:45-1:59 down too
  const r2 = run([[false, T0 + 30_000], [false, T0 + 45_000],
    [true, T0 + 2 * M]])
  t.equal(r2.minutes, 2)
})

t.test('state carried over (a restart) continues the outage', async (t) => {
  const before = run([[false, T0], [false, T0 + 15_000]])
  t.equal(before.minutes, 1)
  // the saved state goes through the store and comes back as is
  const after = run([[false, T0 + 5 * M], [true, T0 + 6 * M + 1]],
    { ...before.state })
  t.equal(after.minutes, 6, 'minutes 1..6 are new, minute 0 not again')
  t.same(after.changes, ['up'])
})

t.test('a clock that steps back counts nothing new', async (t) => {
  const down = run([[false, T0 + 2 * M], [false, T0 + 2 * M + 15_000]])
  const s = step(down.state, false, T0)
  t.equal(s.down, null)
  t.equal(s.state.health, 'down')
  const up = step(down.state, true, T0)
  t.equal(up.down, null)
  t.equal(up.changed, 'up')
})
