import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { parseRees46, parseRees46Time } from '../../src/replay/rees46.js'
import { replay } from '../../src/replay/send.js'
import { build, seriesValue, sharedData, sharedDataMissing } from '../helper.js'

const FILE = join(sharedData, 'rees46-2019-Oct-first1000.csv')

t.test('REES46 time and rows', async (t) => {
  t.equal(parseRees46Time('2019-10-01 00:02:14 UTC'), Date.parse('2019-10-01T00:02:14Z'))
  t.throws(() => parseRees46Time('2019-10-01T00:02:14Z'))

  const header = 'event_time,event_type,product_id,category_id,category_code,' +
    'brand,price,user_id,user_session'
  const text = [header,
    '2019-10-01 00:00:00 UTC,view,1,2,,,1.00,u1,s1',
    '2019-10-01 00:00:05 UTC,purchase,1,2,,,1.10,u1,s1',
    '2019-10-01 00:00:05 UTC,purchase,3,2,,,2.20,u1,s1',
    '2019-10-01 00:00:09 UTC,purchase,3,2,,,0.05,u1,s1',
    '2019-10-01 00:00:10 UTC,remove_from_cart,3,2,,,0.05,u1,s1', '']
    .join('\n')
  const records = parseRees46(text, 'f')
  t.same(records.map((r) => r.event.type),
    ['page_view', 'order_completed', 'order_completed', 'page_view'])
  t.same(records[1]?.event.order, { id: 's1-1569888005', total: '3.30', currency: 'USD' },
    'two purchase rows of one session in one second are one order')
  t.equal(records[2]?.event.order?.total, '0.05')
  t.throws(() => parseRees46('a,b\n1,2\n', 'f'), /not a REES46 file/)
  t.throws(() => parseRees46(`${header}\n2019-10-01 00:00:00 UTC,click,1,2,,,1,u,s\n`, 'f'),
    /line 2: unknown event_type/)
  t.throws(() => parseRees46(`${header}\n2019-10-01 00:00:00 UTC,view,1,2,,,1,,\n`, 'f'),
    /line 2: has neither user_id nor user_session/)
  t.throws(() => parseRees46(`${header}\nx,view,1,2,,,1,,\n`, 'f'),
    /line 2: not a REES46 event_time/)
  t.throws(() => parseRees46(`${header}\n2019-10-01 00:00:00 UTC,purchase,1,2,,,1.005,u,s\n`, 'f'),
    /line 2: has more than 2 decimals/)
  const noSession = parseRees46(`${header}\n2019-10-01 00:00:00 UTC,view,1,2,,,1,u9,\n`, 'f')
  t.same(noSession[0]?.event, { type: 'page_view', id: 'f-2', userId: 'u9' },
    'a row without a session leaves the session to be derived')
})

t.test('replaying the REES46 sample gives the checked figures', { skip: sharedDataMissing }, async (t) => {
  const app = await build(t)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const text = readFileSync(FILE, 'utf8')

  // Expected active users, straight from the file: distinct users whose
  // events fall in the last five minutes before its last event.
  const rows = text.trim().split('\n').slice(1).map((line) => line.split(','))
  const times = rows.map((r) => parseRees46Time(r[0] as string))
  const last = Math.max(...times)
  const recent = new Set(rows.filter((_, i) => (times[i] as number) >= last - 300_000)
    .map((r) => r[7]))

  const progress: number[] = []
  const result = await replay(parseRees46(text, 'rees46'), {
    url, speed: 'max', onProgress: (sent) => progress.push(sent)
  })
  t.same(result, { sent: 1000, stored: 1000 }, '990 behaviour events and 10 orders')
  t.same(progress, [500, 1000])

  const res = await app.inject('/api/metrics')
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.equal(body.orders, 10)
  t.equal(body.revenue, 2387.84)
  t.equal(body.sessions, 372)
  t.equal(body.conversionRate, 2.42, '9 of 372 sessions bought')
  t.equal(body.trafficSources.direct, 372, 'no referrers in the file')
  t.equal(body.activeUsers, recent.size, `${recent.size} users in the last 5 minutes`)
  t.ok(recent.size > 50 && recent.size < 330)

  const metrics = (await app.inject('/metrics')).body
  t.equal(seriesValue(metrics, 'ecom_orders_total'), 10)
  t.equal(seriesValue(metrics, 'ecom_revenue_total'), 2387.84)
  t.equal(seriesValue(metrics, 'ecom_sessions'), 372)
  t.equal(seriesValue(metrics, 'ecom_conversion_rate'), 2.42)
  t.equal(seriesValue(metrics, 'ecom_traffic_direct'), 372)
  t.equal(seriesValue(metrics, 'ecom_active_users'), recent.size)

  const again = await replay(parseRees46(text, 'rees46'), { url, speed: 'max' })
  t.same(again, { sent: 1000, stored: 0 }, 'the same file again stores nothing')
  t.equal((await app.inject('/api/metrics')).json().orders, 10)
})

t.test('a paced replay keeps the spacing', async (t) => {
  const app = await build(t)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const base = Date.parse('2019-10-01T00:00:00Z')
  const records = [0, 10_000, 20_000].map((offset, i) => ({
    ts: base + offset,
    event: { type: 'page_view' as const, id: `p${i}`, sessionId: `s${i}` }
  }))
  const started = Date.now()
  const result = await replay(records, { url, speed: 100, batchSize: 10 })
  const took = Date.now() - started
  t.same(result, { sent: 3, stored: 3 })
  t.ok(took >= 150 && took < 5000, `20 s of file at 100x took ${took} ms`)

  const stored = await app.store.windowEvents(0)
  t.same(stored.map((e) => e.ts - (stored[0]?.ts ?? 0)), [0, 10_000, 20_000],
    'timestamps keep the file spacing')
})

t.test('a refused batch stops the replay with the reason', async (t) => {
  const app = await build(t)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const bad = [{ ts: 0, event: { type: 'page_view' as const } }]
  await t.rejects(replay(bad, { url, speed: 'max' }), /batch refused \(400\).*sessionId/)
})

t.test('an unreachable service is named with the reason', async (t) => {
  const app = await build(t)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  await app.close()
  const one = [{ ts: 0, event: { type: 'page_view' as const, sessionId: 's' } }]
  await t.rejects(replay(one, { url, speed: 'max', retries: 1 }),
    /batch refused \(no answer\): cannot reach .*ECONNREFUSED/)
})
