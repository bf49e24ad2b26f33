import { Type, type Static } from '@sinclair/typebox'

const n = (description: string) => Type.Number({ description })
const count = (description: string) => Type.Integer({ minimum: 0, description })
const moneyMap = (description: string) =>
  Type.Record(Type.String({ pattern: '^[A-Z]{3}$' }), Type.Number(), { description })

export const TrafficSources = Type.Object({
  direct: count('Sessions with no referrer, or one from the shop itself.'),
  social: count('Sessions from a social network (list or utm_medium=social).'),
  referral: count('Sessions from any other site.'),
  search: count('Sessions from a search engine (list or utm_medium=organic).'),
  paid: count('Sessions from an ad click id or a paid utm_medium.'),
  email: count('Sessions tagged email or newsletter.'),
  ai: count('Sessions from an AI assistant.'),
  other: count('Campaign-tagged sessions that match no channel.')
}, {
  description: 'Sessions of the last 30 minutes by the channel of their first ' +
    'event; the first matching rule wins (README, "Traffic sources").'
})

export const ProbeTarget = Type.Object({
  target: Type.String({ description: 'The probed URL, from ECOMPULSE_PROBE_URLS.' }),
  up: Type.Boolean({ description: 'Whether the target is up now.' }),
  lastProbeMs: Type.Union([Type.Number(), Type.Null()], {
    description: 'Duration of the latest probe, ms; null before the first.'
  }),
  downtimeMinutes: count('Minutes this target was down, across restarts.')
})

export const MetricsReply = Type.Object({
  revenue: n('Gross order totals in the base currency (`currency`), other ' +
    'currencies converted at ECOMPULSE_FX_RATES. All time.'),
  orders: count('Distinct orders by source and order id, all time; test ' +
    'orders excluded.'),
  conversionRate: n('Percent of sessions of the last 24 hours that completed ' +
    'at least one order, two decimals; 0 without sessions.'),
  activeUsers: count('Distinct visitors with any event in the last 5 minutes.'),
  sessions: count('Sessions with any event in the last 30 minutes.'),
  trafficSources: TrafficSources,
  cpu: n('Percent of the CPU available to the process (cgroup quota, else ' +
    'all cores) used over the last sample interval.'),
  memory: n('Percent of memory in use against the cgroup limit, else the host total.'),
  disk: n('Percent used of the filesystem holding the data directory.'),
  network: n('Megabits per second received plus sent over the last ' +
    'interval, loopback excluded.'),
  failedRequests: count('Probes and reported requests that failed: network ' +
    'error, timeout or status >= 500. All time.'),
  latency: n('95th percentile of request durations over the last 5 minutes, ms.'),
  downtime: count('Minutes in which at least one probed target was down, all time.'),
  currency: Type.String({ description: 'The base currency (ECOMPULSE_CURRENCY).' }),
  revenueByCurrency: moneyMap('Gross revenue per order currency, in its units.'),
  refunds: n('Refunded amounts in the base currency, all time.'),
  refundsByCurrency: moneyMap('Refunded amounts per currency, in its units.'),
  netRevenue: n('revenue - refunds, in the base currency.'),
  averageOrderValue: n('revenue / orders included in it, base currency; 0 without orders.'),
  lastOrderAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Event time of the latest order (RFC 3339), or null.'
  }),
  bots: count('Events from bot user agents, all time; counted nowhere else.'),
  probes: Type.Array(ProbeTarget, { description: 'Each configured probe target.' }),
  generatedAt: Type.String({ format: 'date-time', description: 'When these figures were read.' })
}, { title: 'Metrics', description: 'The live figures (SPEC §4).' })

export type MetricsBody = Static<typeof MetricsReply>

export const HealthReply = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('error')]),
  version: Type.String(),
  uptime: Type.Number({ description: 'Seconds since the process started.' }),
  checks: Type.Record(Type.String(), Type.String(), {
    description: 'Each check and its result: "ok" or what failed.'
  })
}, { title: 'Health' })
