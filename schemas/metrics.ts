import { Type, type Static } from '@sinclair/typebox'

// Each description gives the formula and the window, because a dashboard
// author reads them in the generated client, not in this file. Windows are
// the defaults; the ECOMPULSE_* variable named beside each one changes it.
const n = (description: string) => Type.Number({ description })
const count = (description: string) => Type.Integer({ minimum: 0, description })
const moneyMap = (description: string) =>
  Type.Record(Type.String({ pattern: '^[A-Z]{3}$' }), Type.Number({
    description: 'Amount in major units of the currency (e.g. 19.99).'
  }), { description })

const SESSIONS = 'Sessions with any event in the last 30 minutes ' +
  '(ECOMPULSE_SESSION_TIMEOUT_MS) whose first event '

export const TrafficSources = Type.Object({
  direct: count(SESSIONS + 'had no referrer, or one on the shop\'s own host ' +
    '(rule 8).'),
  social: count(SESSIONS + 'had utm_medium social, social-network, ' +
    'social-media or sm, or a referrer on the social list (rule 4).'),
  referral: count(SESSIONS + 'had a referrer on no list and not on the ' +
    'shop\'s own host (rule 6).'),
  search: count(SESSIONS + 'had utm_medium organic or a referrer on the ' +
    'search-engine list (rule 5).'),
  paid: count(SESSIONS + 'had an ad click id (gclid, msclkid, ...) or a ' +
    'paid utm_medium such as cpc (rule 1).'),
  email: count(SESSIONS + 'had utm_medium or utm_source email, e-mail or ' +
    'newsletter (rule 2).'),
  ai: count(SESSIONS + 'came from a referrer or utm_source on the ' +
    'AI-assistant list (rule 3).'),
  other: count(SESSIONS + 'carried campaign tags that match no channel and ' +
    'no referrer (rule 7).')
}, {
  description: 'Sessions of the last 30 minutes by the channel of their ' +
    'first event; rules are tried in order 1-8 and the first match wins. ' +
    'Every channel is present, 0 when empty; the sum equals `sessions`.'
})

export const ProbeTarget = Type.Object({
  target: Type.String({ description: 'The probed URL, from ECOMPULSE_PROBE_URLS.' }),
  up: Type.Boolean({
    description: 'Up now: false after two failed probes in a row (network ' +
      'error, timeout or status >= 500), true again at the first success.'
  }),
  lastProbeMs: Type.Union([Type.Number(), Type.Null()], {
    description: 'Duration of the latest probe, ms; null before the first.'
  }),
  downtimeMinutes: count('Minutes this target was down, counted from the ' +
    'first of the failed probes; all time, kept across restarts.')
})

export const MetricsReply = Type.Object({
  revenue: n('Sum of order totals in the base currency (`currency`); ' +
    'other currencies converted at ECOMPULSE_FX_RATES, those without a ' +
    'rate left out (see revenueByCurrency). Gross, all time.'),
  orders: count('Count of distinct orders by source and order id, all ' +
    'time; test orders excluded.'),
  conversionRate: n('100 x sessions that completed at least one order / ' +
    'sessions, over the last 24 hours (ECOMPULSE_CONVERSION_WINDOW_MS); ' +
    'percent to two decimals, 0 without sessions.'),
  conversionSessions: count('Sessions with any event in the last 24 hours ' +
    '(ECOMPULSE_CONVERSION_WINDOW_MS): the denominator of conversionRate.'),
  activeUsers: count('Count of distinct visitors (userId, else session) ' +
    'with any event in the last 5 minutes ' +
    '(ECOMPULSE_ACTIVE_USERS_WINDOW_MS).'),
  sessions: count('Count of sessions with any event in the last 30 ' +
    'minutes; a session ends after 30 minutes without events ' +
    '(ECOMPULSE_SESSION_TIMEOUT_MS).'),
  trafficSources: TrafficSources,
  cpu: n('100 x CPU time used by the process / CPU time available to it ' +
    '(cgroup quota, else all cores), over the last sample interval of 5 s ' +
    '(ECOMPULSE_HEALTH_SAMPLE_MS); percent.'),
  memory: n('100 x memory in use / the cgroup memory limit, else the host ' +
    'total; percent, at the latest sample (every 5 s).'),
  disk: n('100 x used / size of the filesystem holding the data ' +
    'directory; percent, at the latest sample (every 5 s).'),
  network: n('(bytes received + bytes sent) x 8 / 1e6 / seconds, over the ' +
    'last sample interval of 5 s, loopback excluded; megabits per second.'),
  failedRequests: count('Count of probes and reported `request` events ' +
    'that ended in a network failure, a timeout or a status >= 500; all ' +
    'time.'),
  latency: n('95th percentile of the durations of reported requests and ' +
    'probes over the last 5 minutes (ECOMPULSE_LATENCY_WINDOW_MS), ms; 0 ' +
    'when there were none.'),
  downtime: count('Minutes in which at least one probed target was down; ' +
    'all time, kept across restarts.'),
  currency: Type.String({
    description: 'The base currency of revenue, refunds, netRevenue and ' +
      'averageOrderValue (ECOMPULSE_CURRENCY).'
  }),
  revenueByCurrency: moneyMap('Sum of order totals per order currency, in ' +
    'that currency, unconverted; all time.'),
  refunds: n('Sum of refunded amounts in the base currency, converted like ' +
    'revenue; all time.'),
  refundsByCurrency: moneyMap('Sum of refunded amounts per currency, in ' +
    'that currency, unconverted; all time.'),
  netRevenue: n('revenue - refunds, in the base currency; all time.'),
  averageOrderValue: n('revenue / orders counted in revenue (those in a ' +
    'convertible currency), base currency; all time, 0 without orders.'),
  lastOrderAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Event time of the latest order (RFC 3339), or null ' +
      'before the first.'
  }),
  bots: count('Count of events from bot user agents (isbot); all time. ' +
    'They are counted here and in no other figure.'),
  probes: Type.Array(ProbeTarget, {
    description: 'One entry per ECOMPULSE_PROBE_URLS target, probed every ' +
      '15 s (ECOMPULSE_PROBE_INTERVAL_MS) with a 5 s timeout.'
  }),
  generatedAt: Type.String({
    format: 'date-time',
    description: 'Server time at which these figures were read.'
  })
}, {
  title: 'Metrics',
  description: 'The live figures, the same numbers /metrics gives ' +
    'Prometheus at the same moment (SPEC section 4).'
})

export type MetricsBody = Static<typeof MetricsReply>

export const HealthReply = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('error')], {
    description: '"ok" when every check passed, else "error".'
  }),
  version: Type.String({ description: 'The service version (package.json).' }),
  uptime: Type.Number({ description: 'Seconds since the process started.' }),
  checks: Type.Record(Type.String(), Type.String(), {
    description: 'Each check and its result: "ok" or what failed.'
  })
}, { title: 'Health' })
