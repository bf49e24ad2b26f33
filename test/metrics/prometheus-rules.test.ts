import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { projectRoot } from '../../src/lib/project-root.js'
import { installed, skipWithout } from './tools.js'

const DIR = join(projectRoot, 'deploy', 'prometheus')

function promtool (...args: string[]) {
  const run = spawnSync('promtool', args, { cwd: DIR, timeout: 120_000 })
  return { status: run.status, output: String(run.stdout) + String(run.stderr) }
}

t.test('the example config, the alert rules and their unit tests',
  { skip: skipWithout('promtool') }, async (t) => {
    t.ok(installed('promtool'), 'promtool is installed (.ci/run does it)')
    const config = promtool('check', 'config', 'prometheus.yml')
    t.equal(config.status, 0, config.output)
    t.match(config.output, /SUCCESS: 1 rule files found/)

    const rules = promtool('check', 'rules', 'alerts.yml')
    t.equal(rules.status, 0, rules.output)

    const tests = promtool('test', 'rules', 'alerts.test.yml')
    t.equal(tests.status, 0, tests.output)
    t.match(tests.output, /SUCCESS/)
  })
