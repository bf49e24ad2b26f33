import { readFileSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import t from 'tap'
import { compile, generateTypes } from '../client/generate.js'
import { build } from '../helper.js'

const template = readFileSync(
  new URL('../client/client.ts.tpl', import.meta.url), 'utf8')

// The lines the template marks as wrong, with what makes each one wrong.
const MARKER = /^\/\/ @ts-expect-error WRONG (.*)$/
const wrongLines = template.split('\n').flatMap((line, i) => {
  const reason = MARKER.exec(line)?.[1]
  return reason === undefined ? [] : [{ line: i + 2, reason }]
})

interface Client {
  fetchMetrics (base: string): Promise<{ orders: number, revenue: number }>
  postEvent (base: string, body: unknown): Promise<{ status: number }>
  headline (m: unknown): string
  order: unknown
  batch: unknown
}

t.test('a client typed from the live document compiles and works', async (t) => {
  const app = await build(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const dir = t.testdir()

  const types = await generateTypes(new URL(`${base}/docs/json`), dir)
  t.match(types, /"\/api\/metrics"/, 'types cover /api/metrics')
  t.match(types, /conversionRate: number/)

  const file = join(dir, 'client.ts')
  writeFileSync(file, template)
  t.same(compile(file), [], 'compiles, and each marked line is an error')

  const client = await import(pathToFileURL(join(dir, 'client.js')).href) as Client
  const posted = await client.postEvent(base, client.order)
  t.equal(posted.status, 202, 'the typed order is accepted')
  t.equal((await client.postEvent(base, client.batch)).status, 202)
  const metrics = await client.fetchMetrics(base)
  t.equal(metrics.orders, 1)
  t.equal(metrics.revenue, 19.99)
  t.match(client.headline(metrics), /^19\.99 USD from 1 orders/)
})

t.test('a wrong field fails to compile', async (t) => {
  t.equal(wrongLines.length, 4, 'the template marks four wrong lines')
  const app = await build(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as AddressInfo).port
  const dir = t.testdir()
  await generateTypes(new URL(`http://127.0.0.1:${port}/docs/json`), dir)

  // Blank the markers (keeping line numbers) so each mistake must surface.
  const unguarded = template.split('\n')
    .map((line) => MARKER.test(line) ? '' : line).join('\n')
  const file = join(dir, 'client.ts')
  writeFileSync(file, unguarded)
  const diagnostics = compile(file)
  t.same(diagnostics.map((d) => d.line), wrongLines.map((w) => w.line),
    'one error on each wrong line and nowhere else')
  t.match(diagnostics[0]?.message, /revenu/)
  t.match(diagnostics[2]?.message, /purchase/)
  t.match(diagnostics[3]?.message, /sesionId/)
})
