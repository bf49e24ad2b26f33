import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { projectRoot } from '../../src/lib/project-root.js'
import { exercisedApp } from './scenario.js'
import { shape } from './shape.js'

/*
 * The /metrics output shape is a public contract (SPEC §4): a renamed,
 * retyped or vanished series fails here. After an intended change,
 * regenerate and review the diff:
 *   UPDATE_GOLDEN=1 npx tap test/metrics/golden.test.ts
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1'
const FORMATS = [
  { file: 'metrics.txt', accept: 'text/plain' },
  { file: 'metrics.openmetrics.txt', accept: 'application/openmetrics-text' }
]

t.test('the /metrics shape matches the golden copies', async (t) => {
  const app = await exercisedApp(t)
  for (const { file, accept } of FORMATS) {
    const res = await app.inject({ url: '/metrics', headers: { accept } })
    t.equal(res.statusCode, 200)
    const path = join(projectRoot, 'test', 'golden', file)
    const actual = shape(res.body)
    if (UPDATE) writeFileSync(path, actual)
    t.equal(actual, readFileSync(path, 'utf8'),
      `${file} (UPDATE_GOLDEN=1 regenerates it)`)
  }
})

t.test('every ecom_* and HTTP family is kept with its samples', async (t) => {
  const golden = readFileSync(join(projectRoot, 'test', 'golden',
    'metrics.txt'), 'utf8')
  for (const name of ['ecom_orders_total', 'ecom_revenue_total',
    'ecom_failed_requests_total', 'ecom_downtime_minutes',
    'ecom_conversion_rate', 'ecom_active_users', 'ecom_sessions',
    'ecom_traffic_direct', 'ecom_traffic_social', 'ecom_traffic_referral',
    'ecom_server_cpu_usage', 'ecom_server_memory_usage',
    'ecom_server_disk_usage', 'ecom_server_network_mbps',
    'ecom_request_latency_ms', 'http_request_duration_seconds_count']) {
    t.match(golden, new RegExp(`^${name}[{ ]`, 'm'), name)
  }
})
