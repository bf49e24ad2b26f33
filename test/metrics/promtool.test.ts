import { spawnSync } from 'node:child_process'
import t from 'tap'
import { METRIC_NAME_EXCEPTIONS } from
  '../../plugins/metric-name-exceptions.js'
import { exercisedApp } from './scenario.js'
import { installed, skipWithout } from './tools.js'

t.test('promtool lints /metrics clean but for the listed exceptions',
  { skip: skipWithout('promtool') }, async (t) => {
    t.ok(installed('promtool'), 'promtool is installed (.ci/run does it)')
    const app = await exercisedApp(t)
    const res = await app.inject('/metrics')
    t.equal(res.statusCode, 200)

    const lint = spawnSync('promtool', ['check', 'metrics'],
      { input: res.body, timeout: 30_000 })
    const report = String(lint.stdout) + String(lint.stderr)
    t.notMatch(report, /error while linting/, 'promtool parsed it')
    // Exit 3 means lint problems only; 1 means it could not parse.
    t.ok(lint.status === 0 || lint.status === 3, `exit ${lint.status}`)

    const flagged = report.split('\n').map((l) => l.trim()).filter(Boolean)
    const listed = (e: { name: string, problem: string }) =>
      `${e.name} ${e.problem}`
    const known = new Set(METRIC_NAME_EXCEPTIONS.map(listed))
    t.same(flagged.filter((l) => !known.has(l)), [],
      'no naming problem outside plugins/metric-name-exceptions.ts')

    const stale = METRIC_NAME_EXCEPTIONS.filter((e) => !flagged.includes(listed(e)))
    t.same(stale.map(listed), [],
      'every listed exception is still flagged (remove those that are not)')
  })
