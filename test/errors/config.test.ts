import t from 'tap'
import { ConfigError, loadConfig } from '../../src/config.js'

t.test('bad probe settings stop the start, naming the variable',
  async (t) => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ ECOMPULSE_PROBE_URLS: 'not a url' }, 'ECOMPULSE_PROBE_URLS'],
      [{ ECOMPULSE_PROBE_URLS: 'ftp://127.0.0.1/' }, 'ECOMPULSE_PROBE_URLS'],
      [{ ECOMPULSE_PROBE_INTERVAL_MS: '-15000' }, 'ECOMPULSE_PROBE_INTERVAL_MS'],
      [{ ECOMPULSE_PROBE_INTERVAL_MS: 'soon' }, 'ECOMPULSE_PROBE_INTERVAL_MS'],
      [{ ECOMPULSE_PROBE_TIMEOUT_MS: '-1' }, 'ECOMPULSE_PROBE_TIMEOUT_MS'],
      [{ ECOMPULSE_PROBE_INTERVAL_MS: '1000', ECOMPULSE_PROBE_TIMEOUT_MS: '5000' },
        'ECOMPULSE_PROBE_TIMEOUT_MS'],
      [{ ECOMPULSE_LATENCY_WINDOW_MS: '-5' }, 'ECOMPULSE_LATENCY_WINDOW_MS']
    ]
    for (const [env, variable] of cases) {
      t.throws(() => loadConfig(env), {
        name: 'ConfigError',
        variable,
        message: new RegExp(`^${variable} `)
      }, JSON.stringify(env))
    }
    t.ok(new ConfigError('X', 'y') instanceof Error)
  })

t.test('probe defaults and a valid list', async (t) => {
  const config = loadConfig({
    ECOMPULSE_PROBE_URLS: 'http://127.0.0.1:8080/, https://127.0.0.1/health'
  })
  t.same(config.probeUrls,
    ['http://127.0.0.1:8080/', 'https://127.0.0.1/health'])
  t.equal(config.probeIntervalMs, 15_000)
  t.equal(config.probeTimeoutMs, 5_000)
  t.equal(config.latencyWindowMs, 300_000)
})
