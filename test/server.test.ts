import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { projectRoot } from '../src/lib/project-root.js'

// The built server (npm test builds it first), as `npm start` runs it.
const SERVER = join(projectRoot, 'dist', 'src', 'server.js')

const cases: Array<[Record<string, string>, string]> = [
  [{ ECOMPULSE_PROBE_URLS: 'not a url' }, 'ECOMPULSE_PROBE_URLS'],
  [{ ECOMPULSE_PROBE_INTERVAL_MS: '-5' }, 'ECOMPULSE_PROBE_INTERVAL_MS'],
  [{ PORT: 'eighty' }, 'PORT'],
  [{ ECOMPULSE_CURRENCY: 'XXX' }, 'ECOMPULSE_CURRENCY'],
  [{ ECOMPULSE_DATABASE_URL: 'postgres://127.0.0.1/shop' }, 'ECOMPULSE_DATABASE_URL'],
  [{ ECOMPULSE_DB: '/proc/nope/ecompulse.db' }, 'ECOMPULSE_DB'],
  [{ ECOMPULSE_DB: '/dev/null/x/ecompulse.db' }, 'ECOMPULSE_DB']
]

for (const [env, variable] of cases) {
  t.test(`a bad ${variable} stops the start`, async (t) => {
    const run = spawnSync(process.execPath, [SERVER], {
      env: { ...process.env, ECOMPULSE_DB: join(t.testdir(), 'x.db'), ...env },
      encoding: 'utf8',
      timeout: 20_000
    })
    t.equal(run.status, 78, 'exit code EX_CONFIG')
    t.match(run.stderr, `bad configuration: ${variable}`)
  })
}
