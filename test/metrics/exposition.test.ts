import t from 'tap'
import { wantsOpenMetrics } from '../../plugins/metrics-registry.js'
import { build } from '../helper.js'
import { exercisedApp } from './scenario.js'

const TEXT = 'text/plain; version=0.0.4; charset=utf-8'
const OM = 'application/openmetrics-text; version=1.0.0; charset=utf-8'
// What Prometheus 2.42 sends when it scrapes.
const PROMETHEUS_ACCEPT = 'application/openmetrics-text;version=1.0.0,' +
  'application/openmetrics-text;version=0.0.1;q=0.75,' +
  'text/plain;version=0.0.4;q=0.5,*/*;q=0.1'

t.test('Accept negotiation', async (t) => {
  for (const accept of [PROMETHEUS_ACCEPT, 'application/openmetrics-text',
    'application/openmetrics-text; version=0.0.1',
    'Application/OpenMetrics-Text;version=1.0.0;q=0.3, text/plain;q=0.2']) {
    t.ok(wantsOpenMetrics(accept), accept)
  }
  for (const accept of [undefined, '', '*/*', 'text/plain',
    'application/openmetrics-text;q=0',
    'application/openmetrics-text;q=0.4, */*;q=0.5',
    'text/plain, application/openmetrics-text;q=0.9']) {
    t.notOk(wantsOpenMetrics(accept), String(accept))
  }
})

/**
 * The OpenMetrics 1.0 rules promtool 2.42 cannot check (it reads only the
 * text format): every sample belongs to the family declared just above
 * it, with the suffixes its type allows, and the text ends with `# EOF`.
 */
function openMetricsProblems (text: string): string[] {
  const suffixes: Record<string, string[]> = {
    counter: ['_total', '_created'],
    gauge: [''],
    unknown: [''],
    histogram: ['_bucket', '_sum', '_count', '_created'],
    summary: ['', '_sum', '_count', '_created']
  }
  const problems: string[] = []
  if (!text.endsWith('\n# EOF\n')) problems.push('no final # EOF line')
  let family = ''
  let allowed: string[] = []
  const lines = text.split('\n').slice(0, -2)
  for (const line of lines) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line)
    if (type !== null) {
      family = type[1] ?? ''
      allowed = suffixes[type[2] ?? ''] ?? []
      if (allowed.length === 0) problems.push(`bad type: ${line}`)
      continue
    }
    if (line.startsWith('# HELP ')) continue
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0] ?? ''
    if (!allowed.some((s) => family + s === name)) {
      problems.push(`not of family ${family}: ${line}`)
    }
  }
  return problems
}

t.test('/metrics answers in the format asked for', async (t) => {
  const app = await exercisedApp(t)

  const plain = await app.inject('/metrics')
  t.equal(plain.statusCode, 200)
  t.equal(plain.headers['content-type'], TEXT)
  t.match(plain.headers.vary, /Accept/)
  t.notMatch(plain.body, /# EOF/)
  t.match(plain.body, /^# TYPE ecom_orders_total counter\necom_orders_total 2$/m)

  const om = await app.inject({
    url: '/metrics', headers: { accept: PROMETHEUS_ACCEPT }
  })
  t.equal(om.statusCode, 200)
  t.equal(om.headers['content-type'], OM)
  t.same(openMetricsProblems(om.body), [])
  t.match(om.body, /^# TYPE ecom_orders counter\necom_orders_total 2$/m,
    'a counter family drops _total, its sample keeps it')
  t.match(om.body, /^# TYPE ecom_downtime_minutes unknown\n/m)
  t.match(om.body, /^ecom_downtime_minutes 0$/m,
    'the SPEC name without _total keeps its sample name')

  const again = await app.inject('/metrics')
  t.match(again.body, /^ecom_orders_total 2$/m,
    'serving OpenMetrics leaves the plain text names alone')
  t.equal(again.body.split('\n').filter((l) => l.startsWith('#')).length,
    plain.body.split('\n').filter((l) => l.startsWith('#')).length)

  t.notMatch(again.body, /route="\/metrics"/, 'scrapes are not recorded')
  t.notMatch(again.body, /route="\/no\/such/, 'unknown routes add no series')
  t.match(again.body, /route="\/api\/events"/, 'routes by template')
})

t.test('two apps in one process keep their own figures', async (t) => {
  const a = await build(t)
  const b = await build(t)
  await a.inject('/health')
  const count = (text: string) =>
    /^http_request_duration_seconds_count\{[^}]*route="\/health"[^}]*\} (\d+)/m
      .exec(text)?.[1]
  t.equal(count((await a.inject('/metrics')).body), '1')
  t.equal(count((await b.inject('/metrics')).body), undefined)
})
