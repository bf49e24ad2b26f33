import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'

/** A clock the test moves by hand. */
export class TestClock {
  constructor (public now: number) {}
  readonly read = (): number => this.now
  set (ts: number): void { this.now = ts }
}

/** A minute boundary, so that test times read as m:ss of that minute. */
export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0)

interface Tap {
  teardown (fn: () => unknown): void
}

export function tempDb (t: Tap): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecompulse-errors-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return join(dir, 'ecompulse.db')
}

export async function build (t: Tap, db: string, clock: TestClock,
  env: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = await buildApp(loadConfig({
    ECOMPULSE_DB: db,
    ECOMPULSE_PROBE_INTERVAL_MS: '86400000',
    ECOMPULSE_PROBE_TIMEOUT_MS: '200',
    LOG_LEVEL: 'silent',
    ...env
  }), { clock: clock.read })
  t.teardown(() => app.close())
  await app.ready()
  return app
}

/** The value of one sample line of the Prometheus text, or undefined. */
export function sample (text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(series + ' ')) return Number(line.slice(series.length + 1))
  }
  return undefined
}
