import { isCurrency } from './lib/currencies.js'
import { stripWww } from './lib/referrer-lists.js'

export interface Config {
  port: number
  host: string
  logLevel: string
  dbFile: string
  databaseUrl: string | undefined
  currency: string
  fxRates: ReadonlyMap<string, string>
  siteHosts: ReadonlySet<string>
  probeUrls: readonly string[]
  probeIntervalMs: number
  probeTimeoutMs: number
  shopifySecret: string | undefined
  woocommerceSecret: string | undefined
  stripeSecret: string | undefined
  ingestKeys: ReadonlySet<string>
  allowedOrigins: ReadonlySet<string>
  activeUsersWindowMs: number
  sessionTimeoutMs: number
  conversionWindowMs: number
  latencyWindowMs: number
  healthSampleMs: number
  bodyLimit: number
}

export class ConfigError extends Error {
  constructor (readonly variable: string, rule: string) {
    super(`${variable} ${rule}`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

function text (env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

function list (env: Env, name: string): string[] {
  return (text(env, name) ?? '').split(',').map((s) => s.trim()).filter(Boolean)
}

function integer (env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name)
  if (value === undefined) return fallback
  const n = Number(value)
  if (!/^-?\d+$/.test(value) || n < min || n > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${value}"`)
  }
  return n
}

function currency (env: Env, name: string, fallback: string): string {
  const code = (text(env, name) ?? fallback).toUpperCase()
  if (!isCurrency(code)) throw new ConfigError(name, `is not an ISO 4217 currency: "${code}"`)
  return code
}

// EUR=1.08,GBP=1.27: how many base units one unit of each currency is
// worth, kept as decimal text so conversion never rounds through a float.
function fxRates (env: Env, name: string): Map<string, string> {
  const rates = new Map<string, string>()
  for (const pair of list(env, name)) {
    const [code = '', rate = ''] = pair.split('=').map((s) => s.trim())
    const positive = /^\d{1,9}(\.\d{1,12})?$/.test(rate) && /[1-9]/.test(rate)
    if (!isCurrency(code.toUpperCase()) || !positive) {
      throw new ConfigError(name, 'needs CODE=rate pairs with a positive ' +
        `decimal rate such as EUR=1.08, got "${pair}"`)
    }
    rates.set(code.toUpperCase(), rate)
  }
  return rates
}

function urls (env: Env, name: string): string[] {
  const seen = new Set<string>()
  return list(env, name).map((value) => {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw new ConfigError(name, `has an invalid URL: "${value}"`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError(name, `takes only http and https URLs, got "${value}"`)
    }
    // fetch refuses URLs with credentials, so such a probe could never pass.
    if (url.username !== '' || url.password !== '') {
      throw new ConfigError(name, `must not carry a user or password: "${url.host}"`)
    }
    // Two entries for one URL would share its label and its stored state.
    if (seen.has(url.href)) throw new ConfigError(name, `lists ${url.href} twice`)
    seen.add(url.href)
    return url.href
  })
}

// shop.example, www.shop.example or https://shop.example/ all name a host.
function hosts (env: Env, name: string): Set<string> {
  return new Set(list(env, name).map((value) => {
    let host = value
    try {
      if (value.includes('://')) host = new URL(value).hostname
    } catch {
      throw new ConfigError(name, `has an invalid host: "${value}"`)
    }
    if (!/^[a-z0-9.-]+$/i.test(host)) {
      throw new ConfigError(name, `has an invalid host: "${value}"`)
    }
    return stripWww(host.toLowerCase())
  }))
}

function origins (env: Env, name: string): Set<string> {
  return new Set(list(env, name).map((value) => {
    try {
      return new URL(value).origin
    } catch {
      throw new ConfigError(name, `has an invalid origin: "${value}"`)
    }
  }))
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** Reads and checks the environment; a bad value throws naming the variable. */
export function loadConfig (env: Env = process.env): Config {
  const logLevel = text(env, 'LOG_LEVEL') ?? 'info'
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`)
  }

  const config: Config = {
    port: integer(env, 'PORT', 5000, 0, 65535),
    host: text(env, 'HOST') ?? '0.0.0.0',
    logLevel,
    dbFile: text(env, 'ECOMPULSE_DB') ?? './data/ecompulse.db',
    databaseUrl: text(env, 'ECOMPULSE_DATABASE_URL'),
    currency: currency(env, 'ECOMPULSE_CURRENCY', 'USD'),
    fxRates: fxRates(env, 'ECOMPULSE_FX_RATES'),
    siteHosts: hosts(env, 'ECOMPULSE_SITE_HOSTS'),
    probeUrls: urls(env, 'ECOMPULSE_PROBE_URLS'),
    probeIntervalMs: integer(env, 'ECOMPULSE_PROBE_INTERVAL_MS', 15_000, 100, DAY),
    probeTimeoutMs: integer(env, 'ECOMPULSE_PROBE_TIMEOUT_MS', 5_000, 10, 10 * MINUTE),
    shopifySecret: text(env, 'ECOMPULSE_SHOPIFY_SECRET'),
    woocommerceSecret: text(env, 'ECOMPULSE_WOOCOMMERCE_SECRET'),
    stripeSecret: text(env, 'ECOMPULSE_STRIPE_SECRET'),
    ingestKeys: new Set(list(env, 'ECOMPULSE_INGEST_KEYS')),
    allowedOrigins: origins(env, 'ECOMPULSE_ALLOWED_ORIGINS'),
    activeUsersWindowMs: integer(env, 'ECOMPULSE_ACTIVE_USERS_WINDOW_MS', 5 * MINUTE, 1000, DAY),
    sessionTimeoutMs: integer(env, 'ECOMPULSE_SESSION_TIMEOUT_MS', 30 * MINUTE, 1000, DAY),
    conversionWindowMs: integer(env, 'ECOMPULSE_CONVERSION_WINDOW_MS', DAY, MINUTE, 30 * DAY),
    latencyWindowMs: integer(env, 'ECOMPULSE_LATENCY_WINDOW_MS', 5 * MINUTE, 1000, DAY),
    healthSampleMs: integer(env, 'ECOMPULSE_HEALTH_SAMPLE_MS', 5_000, 100, 10 * MINUTE),
    bodyLimit: integer(env, 'ECOMPULSE_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024)
  }

  // SPEC §5's store for several replicas; refused here rather than
  // silently ignored, so nobody believes replicas share figures.
  if (config.databaseUrl !== undefined) {
    throw new ConfigError('ECOMPULSE_DATABASE_URL', 'is not supported yet: ' +
      'this version stores in SQLite only (ECOMPULSE_DB); unset it')
  }
  if (config.probeTimeoutMs > config.probeIntervalMs) {
    throw new ConfigError('ECOMPULSE_PROBE_TIMEOUT_MS',
      'must not be longer than ECOMPULSE_PROBE_INTERVAL_MS')
  }
  return config
}
