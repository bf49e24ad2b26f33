import t from 'tap'
import { ConfigError, loadConfig } from '../../src/config.js'

function refusal (env: Record<string, string>): string {
  try {
    loadConfig(env)
    return 'accepted'
  } catch (err) {
    return err instanceof ConfigError ? err.variable : 'another error'
  }
}

t.test('defaults', async (t) => {
  const config = loadConfig({})
  t.equal(config.port, 5000)
  t.equal(config.host, '0.0.0.0')
  t.equal(config.dbFile, './data/ecompulse.db')
  t.equal(config.currency, 'USD')
  t.equal(config.probeIntervalMs, 15_000)
  t.equal(config.probeTimeoutMs, 5_000)
  t.equal(config.sessionTimeoutMs, 30 * 60_000)
})

t.test('values are read and normalised', async (t) => {
  const config = loadConfig({
    PORT: '0',
    ECOMPULSE_CURRENCY: 'eur',
    ECOMPULSE_FX_RATES: 'usd=0.92, GBP=1.17',
    ECOMPULSE_SITE_HOSTS: 'www.Shop.example, https://checkout.example/',
    ECOMPULSE_ALLOWED_ORIGINS: 'https://shop.example/',
    ECOMPULSE_INGEST_KEYS: 'a, b'
  })
  t.equal(config.port, 0, 'a deliberate 0 is kept, not replaced by the default')
  t.equal(config.currency, 'EUR')
  t.same([...config.fxRates], [['USD', '0.92'], ['GBP', '1.17']])
  t.same([...config.siteHosts], ['shop.example', 'checkout.example'])
  t.same([...config.allowedOrigins], ['https://shop.example'])
  t.same([...config.ingestKeys], ['a', 'b'])
})

t.test('a bad value names its variable', async (t) => {
  t.equal(refusal({ PORT: '70000' }), 'PORT')
  t.equal(refusal({ PORT: 'http' }), 'PORT')
  t.equal(refusal({ LOG_LEVEL: 'loud' }), 'LOG_LEVEL')
  t.equal(refusal({ ECOMPULSE_CURRENCY: 'ABC' }), 'ECOMPULSE_CURRENCY')
  t.equal(refusal({ ECOMPULSE_FX_RATES: 'EUR' }), 'ECOMPULSE_FX_RATES')
  t.equal(refusal({ ECOMPULSE_FX_RATES: 'EUR=-1' }), 'ECOMPULSE_FX_RATES')
  t.equal(refusal({ ECOMPULSE_FX_RATES: 'EUR=0.00' }), 'ECOMPULSE_FX_RATES')
  t.equal(refusal({ ECOMPULSE_FX_RATES: 'EUR=1e-3' }), 'ECOMPULSE_FX_RATES')
  t.equal(refusal({ ECOMPULSE_PROBE_URLS: 'https://user:pw@shop.example/' }),
    'ECOMPULSE_PROBE_URLS')
  t.equal(refusal({ ECOMPULSE_ALLOWED_ORIGINS: 'shop' }), 'ECOMPULSE_ALLOWED_ORIGINS')
  t.equal(refusal({ ECOMPULSE_PROBE_URLS: 'http://127.0.0.1:8080/,http://127.0.0.1:8080' }),
    'ECOMPULSE_PROBE_URLS', 'the same URL twice')
  t.equal(refusal({ ECOMPULSE_SESSION_TIMEOUT_MS: '10' }), 'ECOMPULSE_SESSION_TIMEOUT_MS')
  t.equal(refusal({ ECOMPULSE_BODY_LIMIT: '1.5' }), 'ECOMPULSE_BODY_LIMIT')
  t.equal(refusal({ ECOMPULSE_SITE_HOSTS: 'shop example' }), 'ECOMPULSE_SITE_HOSTS')
  t.equal(refusal({ ECOMPULSE_DATABASE_URL: 'postgres://127.0.0.1/x' }),
    'ECOMPULSE_DATABASE_URL')
})
