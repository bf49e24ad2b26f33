import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Test } from 'tap'
import { buildApp, type BuildOptions } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { projectRoot } from '../src/lib/project-root.js'

/** Builds the app on a fresh SQLite file of its own and closes it after the test. */
export async function build (t: Test, env: Record<string, string> = {},
  options: BuildOptions = {}) {
  const dir = t.testdir()
  const config = loadConfig({ ECOMPULSE_DB: join(dir, 'ecompulse.db'), ...env })
  const app = await buildApp(config, options)
  t.teardown(() => app.close())
  await app.ready()
  return app
}

/** A clock the test moves by hand. */
export function manualClock (start = Date.now()) {
  let now = start
  const clock = () => now
  clock.advance = (ms: number) => { now += ms }
  clock.set = (ms: number) => { now = ms }
  return clock
}

/**
 * The team's shared public data sets live beside the project, not in it;
 * tests that read them skip, saying why, where that folder is absent.
 */
export const sharedData = process.env.ECOMPULSE_SHARED_DATA ??
  join(projectRoot, '..', 'shared', 'data')
export const sharedDataMissing = existsSync(sharedData)
  ? false
  : `the shared data folder ${sharedData} is absent (set ` +
    'ECOMPULSE_SHARED_DATA to it); it holds the REES46, UCI and webhook ' +
    'samples these tests read'

/** Value of an unlabelled (or exactly labelled) series in exposition text. */
export function seriesValue (text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(series + ' ')) return Number(line.slice(series.length + 1))
  }
  return undefined
}
