import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { toMinorUnits } from '../../src/lib/money.js'
import type { ReplayRecord } from '../../src/replay/record.js'
import { parseUci, parseUciDate } from '../../src/replay/uci.js'
import { build, sharedData, sharedDataMissing } from '../helper.js'

const HEADER = '"","InvoiceNo","StockCode","Description","Quantity",' +
  '"InvoiceDate","UnitPrice","CustomerID","Country"\r\n'

function pence (records: ReplayRecord[]) {
  let gross = 0
  let refunds = 0
  for (const { event } of records) {
    if (event.order !== undefined) gross += toMinorUnits(event.order.total, 'GBP')
    if (event.refund !== undefined) refunds += toMinorUnits(event.refund.amount, 'GBP')
  }
  return { gross, refunds }
}

t.test('InvoiceDate is UK wall time, GMT in winter and BST in summer', async (t) => {
  t.equal(parseUciDate('1/9/2011 11:27'), Date.UTC(2011, 0, 9, 11, 27))
  t.equal(parseUciDate('6/12/2011 12:34'), Date.UTC(2011, 5, 12, 11, 34))
  t.equal(parseUciDate('10/31/2011 10:42'), Date.UTC(2011, 9, 31, 10, 42))
  // Clocks went back at 02:00 BST on 30 Oct 2011 and forward on 27 Mar.
  t.equal(parseUciDate('10/30/2011 0:59'), Date.UTC(2011, 9, 29, 23, 59))
  t.equal(parseUciDate('10/30/2011 2:00'), Date.UTC(2011, 9, 30, 2, 0))
  t.equal(parseUciDate('3/27/2011 0:59'), Date.UTC(2011, 2, 27, 0, 59))
  t.equal(parseUciDate('3/27/2011 2:00'), Date.UTC(2011, 2, 27, 1, 0))
  t.throws(() => parseUciDate('2011-10-31 10:42'), /not M\/D\/YYYY/)
  t.throws(() => parseUciDate('2/30/2011 10:42'), /not a real date/)
})

t.test('lines group per invoice, cancellations become refunds', async (t) => {
  const csv = HEADER +
    '"1","536365","85123A","WHITE ""HANGING"", HEART",6,"12/1/2010 8:26",' +
      '2.55,17850,"United Kingdom"\r\n' +
    '"2","536365","71053","LANTERN",6,"12/1/2010 8:26",3.39,NA,"United Kingdom"\r\n' +
    '"3","C536379","D","Discount",-1,"12/1/2010 9:41",27.5,14527,"United Kingdom"\r\n' +
    '"4","536414","22139","damaged",-56,"12/1/2010 11:52",0,NA,"United Kingdom"\r\n' +
    '"5","A563185","B","Adjust bad debt",1,"8/12/2011 14:50",11062.06,NA,"United Kingdom"\r\n' +
    '"6","536366","22633","HAND WARMER",3,"12/1/2010 8:28",0.1,17850,"United Kingdom"\r\n'
  const records = parseUci(csv)
  t.same(records.map((r) => r.event), [
    {
      type: 'order_completed',
      id: 'uci-536365',
      order: { id: '536365', total: '35.64', currency: 'GBP' }
    },
    {
      type: 'order_completed',
      id: 'uci-536366',
      order: { id: '536366', total: '0.30', currency: 'GBP' }
    },
    {
      type: 'order_refunded',
      id: 'uci-C536379',
      refund: { id: 'C536379', orderId: '536379', amount: '27.50', currency: 'GBP' }
    }
  ])
  t.equal(records[0]?.ts, Date.UTC(2010, 11, 1, 8, 26))
})

t.test('a file that is not UCI, or a bad line, is named', async (t) => {
  t.throws(() => parseUci('a,b\n1,2\n'), /no InvoiceNo column/)
  t.throws(() => parseUci(HEADER + '"1","536365","X","Y",two,"12/1/2010 8:26",2.55,NA,"UK"\r\n'),
    /line 2: Quantity/)
  t.throws(() => parseUci(HEADER + '"1","536365","X","Y",2,"12/1/2010 8:26",2.5.5,NA,"UK"\r\n'),
    /line 2: UnitPrice/)
  t.throws(() => parseUci(HEADER + '"1","536365","X","Y",2,"2010-12-01",2.55,NA,"UK"\r\n'),
    /line 2: InvoiceDate/)
  t.throws(() => parseUci(HEADER + '"1","#1","X","Y",2,"12/1/2010 8:26",2.55,NA,"UK"\r\n'),
    /line 2: InvoiceNo/)
})

const sample = join(sharedData, 'uci-online-retail-random-sample.csv')

t.test('the UCI sample sums to the penny', { skip: sharedDataMissing }, async (t) => {
  const records = parseUci(readFileSync(sample, 'utf8'))
  const { gross, refunds } = pence(records)
  t.equal(gross, 4_835_314, 'gross 48353.14 GBP')
  t.equal(refunds, 1_084_989, 'refunds 10849.89 GBP')
  t.equal(gross - refunds, 3_750_325, 'net 37503.25 GBP')
  t.equal(records.filter((r) => r.event.type === 'order_refunded').length, 50)
  t.ok(records.every((r, i) => i === 0 || (records[i - 1] as ReplayRecord).ts <= r.ts),
    'in time order')
})

t.test('the UCI sample through POST /api/events', { skip: sharedDataMissing }, async (t) => {
  const records = parseUci(readFileSync(sample, 'utf8'))
  const app = await build(t, { ECOMPULSE_CURRENCY: 'GBP' })
  const events = records.map((r) => ({ ...r.event, timestamp: new Date(r.ts).toISOString() }))
  for (let i = 0; i < events.length; i += 1000) {
    const res = await app.inject({
      method: 'POST', url: '/api/events', payload: { events: events.slice(i, i + 1000) }
    })
    t.equal(res.statusCode, 202)
  }
  const res = await app.inject({ method: 'GET', url: '/api/metrics' })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.equal(body.revenue, 48353.14)
  t.equal(body.refunds, 10849.89)
  t.equal(body.netRevenue, 37503.25)
  t.equal(body.orders, records.length - 50)
})
