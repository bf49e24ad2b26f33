import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { projectRoot } from '../../src/lib/project-root.js'
import { dashboardQueries } from '../integration/dashboard.js'

// SPEC §4 figures, then the newer ones; each needs a panel query.
const FIGURES = [
  'ecom_revenue_total', 'ecom_orders_total', 'ecom_conversion_rate',
  'ecom_active_users', 'ecom_sessions',
  ...['direct', 'social', 'referral', 'search', 'paid', 'email', 'ai', 'other']
    .map((c) => `ecom_traffic_${c}`),
  'ecom_server_cpu_usage', 'ecom_server_memory_usage',
  'ecom_server_disk_usage', 'ecom_server_network_mbps',
  'ecom_failed_requests_total', 'ecom_request_latency_ms',
  'ecom_downtime_minutes',
  'ecom_refunded_revenue_total', 'ecom_net_revenue',
  'ecom_average_order_value', 'ecom_last_order_timestamp_seconds',
  'ecom_bot_events_total', 'ecom_probe_up'
]

t.test('the Grafana dashboard is importable and covers every figure', async (t) => {
  const path = join(projectRoot, 'deploy', 'grafana', 'ecompulse.json')
  const dashboard = JSON.parse(readFileSync(path, 'utf8'))
  t.equal(dashboard.schemaVersion, 39)
  t.equal(dashboard.uid, 'ecompulse')
  const variables = dashboard.templating.list
    .map((v: { name: string, type: string }) => `${v.name}:${v.type}`)
  t.same(variables, ['datasource:datasource', 'job:query'])

  const queries = dashboardQueries()
  for (const name of FIGURES) {
    const uses = queries.filter((q) => new RegExp(`\\b${name}\\b`).test(q.expr))
    t.ok(uses.length > 0, `${name} has a panel`)
  }
  for (const q of queries) {
    t.match(q.expr, /job=~"\$job"/, `${q.panel} ${q.refId} follows $job`)
  }
  const ids = dashboard.panels.map((p: { id: number }) => p.id)
  t.equal(new Set(ids).size, ids.length, 'panel ids are unique')
})
