import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { projectRoot } from '../../src/lib/project-root.js'
import { parseRees46 } from '../../src/replay/rees46.js'
import { replay } from '../../src/replay/send.js'
import { build, sharedData, sharedDataMissing } from '../helper.js'
import { storefront } from '../metrics/scenario.js'
import { installed, skipWithout } from '../metrics/tools.js'
import { dashboardQueries, substitute } from './dashboard.js'
import { startPrometheus, until, type Sample } from './prometheus-server.js'

const FILE = join(sharedData, 'rees46-2019-Oct-first1000.csv')
const ALERTS = join(projectRoot, 'deploy', 'prometheus', 'alerts.yml')

const value = (samples: Sample[]) =>
  samples.length === 1 ? Number(samples[0]?.value[1]) : undefined

t.test('a real Prometheus scrapes the replayed REES46 figures', {
  skip: sharedDataMissing || skipWithout('prometheus'), timeout: 150_000
}, async (t) => {
  if (!installed('prometheus')) {
    t.fail('prometheus is not installed; .ci/run installs it')
    return
  }
  const app = await build(t, {
    ECOMPULSE_PROBE_URLS: await storefront(t),
    ECOMPULSE_PROBE_INTERVAL_MS: '1000',
    ECOMPULSE_PROBE_TIMEOUT_MS: '1000'
  })
  const appUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  const prom = await startPrometheus(t.testdir(), new URL(appUrl).host, [ALERTS])
  t.teardown(prom.stop)
  t.comment(`EcomPulse ${appUrl}, Prometheus ${prom.url}`)

  const text = readFileSync(FILE, 'utf8')
  const sent = await replay(parseRees46(text, 'rees46'), { url: appUrl, speed: 'max' })
  t.same(sent, { sent: 1000, stored: 1000 })
  const replayed = Date.now()

  // A scrape that started after the replay ended sees all of it.
  interface Target { health: string, lastScrape: string, lastError: string }
  const target = await until('a scrape after the replay', 20_000, async () => {
    const { activeTargets } = await prom.api<{ activeTargets: Target[] }>('targets')
    const scraped = activeTargets[0]
    return scraped !== undefined && Date.parse(scraped.lastScrape) > replayed + 50
      ? scraped
      : undefined
  })
  t.equal(target.health, 'up', target.lastError)
  const json = (await app.inject('/api/metrics')).json()

  const q = async (expr: string) => value(await prom.query(expr))
  t.equal(await q('ecom_orders_total'), 10, 'orders')
  t.equal(await q('ecom_revenue_total'), 2387.84, 'revenue')
  t.equal(json.orders, 10)
  t.equal(json.revenue, 2387.84)

  const same: Array<[string, number]> = [
    ['ecom_sessions', json.sessions],
    ['ecom_conversion_rate', json.conversionRate],
    ['ecom_active_users', json.activeUsers],
    ['ecom_failed_requests_total', json.failedRequests],
    ['ecom_downtime_minutes', json.downtime],
    ['ecom_refunded_revenue_total', json.refunds],
    ['ecom_net_revenue', json.netRevenue],
    ['ecom_average_order_value', json.averageOrderValue],
    ['ecom_bot_events_total', json.bots],
    ['ecom_last_order_timestamp_seconds', Date.parse(json.lastOrderAt) / 1000],
    ...Object.entries(json.trafficSources as Record<string, number>)
      .map(([channel, n]): [string, number] => [`ecom_traffic_${channel}`, n])
  ]
  for (const [name, expected] of same) {
    t.equal(await q(name), expected, `${name} = /api/metrics (${expected})`)
  }
  t.equal(json.sessions, 372)
  t.equal(json.conversionRate, 2.42)
  t.equal(json.trafficSources.direct, 372)
  t.equal(Object.keys(json.trafficSources).length, 8, 'every channel')

  // Sampled figures move between two reads; they must be there and sane.
  for (const name of ['ecom_server_cpu_usage', 'ecom_server_memory_usage',
    'ecom_server_disk_usage']) {
    const v = await q(name)
    t.ok(v !== undefined && v >= 0 && v <= 100, `${name} = ${v}`)
  }
  for (const name of ['ecom_server_network_mbps', 'ecom_request_latency_ms']) {
    const v = await q(name)
    t.ok(v !== undefined && v >= 0, `${name} = ${v}`)
  }
  t.equal(await q('ecom_probe_up'), 1, 'the loopback storefront is up')
  const recorded = await prom.query('sum by (route) ' +
    '(http_request_duration_seconds_count{route="/api/events"})')
  t.equal(value(recorded), 2, 'two replay batches, by route template')
  t.same(await prom.query('http_request_duration_seconds_count{route="/metrics"}'),
    [], 'scrapes are not recorded')

  // Prometheus asks for OpenMetrics first: the unknown type is only in it.
  const meta = await prom.api<Record<string, Array<{ type: string }>>>(
    'metadata', { metric: 'ecom_downtime_minutes' })
  t.equal(meta.ecom_downtime_minutes?.[0]?.type, 'unknown',
    'scraped as OpenMetrics, and parsed')

  interface Rule { name: string, health: string, lastError?: string }
  const groups = await until('rules evaluated', 10_000, async () => {
    const { groups } = await prom.api<{ groups: Array<{ rules: Rule[] }> }>('rules')
    const rules = groups.flatMap((g) => g.rules)
    return rules.every((r) => r.health === 'ok') ? rules : undefined
  })
  t.equal(groups.length, 10, 'every alert rule loads and evaluates')
  const firing = await prom.query('ALERTS{alertstate="firing"}')
  t.same(firing.map((s) => s.metric.alertname), [], 'nothing fires')

  // rate() and increase() need two samples in their window.
  await until('three scrapes', 15_000, async () =>
    (await q('count_over_time(up[30s])') ?? 0) >= 3 ? true : undefined)
  const queries = dashboardQueries()
  t.ok(queries.length >= 30, `${queries.length} dashboard queries`)
  for (const { panel, refId, expr } of queries) {
    const result = await prom.query(substitute(expr, 'ecompulse'))
    t.ok(result.length > 0, `${panel} ${refId} returns data`)
  }
  t.comment(`Prometheus returned orders ${await q('ecom_orders_total')}, ` +
    `revenue ${await q('ecom_revenue_total')}, sessions ` +
    `${await q('ecom_sessions')}, conversion ${await q('ecom_conversion_rate')}, ` +
    `active users ${await q('ecom_active_users')}, direct ` +
    `${await q('ecom_traffic_direct')}`)
})
