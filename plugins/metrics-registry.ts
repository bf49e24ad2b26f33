import fp from 'fastify-plugin'
import metricsPlugin from 'fastify-metrics'
import promClient, {
  Registry, type Metric, type OpenMetricsContentType
} from 'prom-client'

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's own registry: two apps in one process never share one. */
    registry: Registry
  }
}

const OPENMETRICS = 'application/openmetrics-text'

/** What prom-client's registry reads of a metric; its typings omit it. */
interface Exposed {
  name: string
  type: string
  get: () => Promise<object>
  getForPromString?: () => Promise<object>
}

/** The q of the best Accept entry `matches` accepts; 0 when none does. */
function quality (accept: string, matches: (type: string) => boolean): number {
  let best = 0
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';')
      .map((s) => s.trim().toLowerCase())
    if (!matches(type)) continue
    const q = params.find((p) => p.startsWith('q='))
    const value = q === undefined ? 1 : Number(q.slice(2))
    if (Number.isFinite(value)) best = Math.max(best, value)
  }
  return best
}

/**
 * OpenMetrics when the client names it (any version: we write 1.0.0) with
 * a q at least that of plain text, as Prometheus's own Accept header does.
 */
export function wantsOpenMetrics (accept: string | undefined): boolean {
  if (accept === undefined || accept === '') return false
  const om = quality(accept, (type) => type === OPENMETRICS)
  const text = quality(accept,
    (type) => type === 'text/plain' || type === 'text/*' || type === '*/*')
  return om > 0 && om >= text
}

/**
 * A read-only view of a metric under its OpenMetrics family name.
 * prom-client's own OpenMetrics registry renames the metric objects it
 * holds (it strips `_total` in place), which would corrupt the plain text
 * output of the same metrics; the view leaves them untouched. A counter
 * whose name lacks `_total` (the SPEC's `ecom_downtime_minutes`) is shown
 * as `unknown`, so its samples keep the public name in both formats
 * instead of turning into `..._total` when Prometheus negotiates
 * OpenMetrics (see plugins/metric-name-exceptions.ts).
 */
function openMetricsView (metric: Exposed): Exposed {
  const counter = metric.type === 'counter'
  const named = counter && metric.name.endsWith('_total')
  const name = named ? metric.name.slice(0, -'_total'.length) : metric.name
  const type = counter && !named ? 'unknown' : metric.type
  // Histograms write faster from their unsplayed form, as prom-client does.
  const read = metric.getForPromString?.bind(metric) ?? metric.get.bind(metric)
  return {
    name,
    type,
    get: async () => ({ ...(await read()), name, type })
  }
}

/** The registry's metrics as OpenMetrics 1.0 text, ending in `# EOF`. */
export async function openMetricsText (registry: Registry): Promise<string> {
  const om = new Registry<OpenMetricsContentType>()
  om.setContentType(Registry.OPENMETRICS_CONTENT_TYPE)
  for (const metric of registry.getMetricsAsArray()) {
    const view = openMetricsView(metric as unknown as Exposed)
    om.registerMetric(view as unknown as Metric)
  }
  return om.metrics()
}

/**
 * The app's prom-client registry, with fastify-metrics recording the HTTP
 * duration histogram per route template and the process defaults on it.
 * The /metrics route is ours, not fastify-metrics', so it can answer in
 * the format the scraper asks for.
 */
export default fp(async function metricsRegistry (app) {
  const registry = new Registry()
  app.decorate('registry', registry)

  await app.register(metricsPlugin.default, {
    endpoint: null,
    promClient: { ...promClient, register: registry },
    defaultMetrics: { enabled: true, register: registry },
    routeMetrics: {
      enabled: { histogram: true, summary: false },
      registeredRoutesOnly: true,
      routeBlacklist: ['/metrics'],
      overrides: {
        histogram: { registers: [registry] },
        // Disabled, but fastify-metrics creates it anyway: registered
        // nowhere, it leaves no empty family in /metrics.
        summary: { registers: [] }
      }
    }
  })

  app.get('/metrics', {
    logLevel: 'warn',
    schema: { hide: true }
  }, async (request, reply) => {
    void reply.header('vary', 'Accept')
    if (wantsOpenMetrics(request.headers.accept)) {
      void reply.type(Registry.OPENMETRICS_CONTENT_TYPE)
      return openMetricsText(registry)
    }
    void reply.type(Registry.PROMETHEUS_CONTENT_TYPE)
    return registry.metrics()
  })
}, { name: 'metrics-registry' })
