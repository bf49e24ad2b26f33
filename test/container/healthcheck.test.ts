import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import t from 'tap'
import { projectRoot } from '../../src/lib/project-root.js'
import { build } from '../helper.js'

// The built script, exactly what the image's HEALTHCHECK runs; npm test
// builds before tap runs.
const script = join(projectRoot, 'dist', 'src', 'healthcheck.js')

/** Runs the script without blocking this process, which serves the app. */
function healthcheck (port: number, host = ''): Promise<{ code: number, ms: number }> {
  const started = Date.now()
  return new Promise((resolve) => {
    const env = { ...process.env, PORT: String(port), HOST: host }
    execFile(process.execPath, [script], { env, timeout: 15_000 }, (err) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1
      resolve({ code, ms: Date.now() - started })
    })
  })
}

function listen (server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve((server.address() as AddressInfo).port)))
}

t.before(() => {
  if (!existsSync(script)) throw new Error(`${script} is missing: npm run build`)
})

t.test('a live service: exit 0', async (t) => {
  const app = await build(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { code } = await healthcheck((app.server.address() as AddressInfo).port)
  t.equal(code, 0)
})

t.test('a stopped service: exit 1', async (t) => {
  const app = await build(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as AddressInfo).port
  await app.close()
  t.equal((await healthcheck(port)).code, 1)
})

t.test('a service whose store fails answers 503: exit 1', async (t) => {
  const app = await build(t)
  app.store.check = async () => { throw new Error('disk I/O error') }
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as AddressInfo).port
  const res = await app.inject('/health')
  t.equal(res.statusCode, 503, 'the service itself says 503')
  t.equal((await healthcheck(port)).code, 1)
})

t.test('a service that never answers: exit 1 after the short timeout', async (t) => {
  const server = createServer(() => { /* hold every request open */ })
  t.teardown(() => { server.closeAllConnections(); server.close() })
  const { code, ms } = await healthcheck(await listen(server))
  t.equal(code, 1)
  t.ok(ms < 5000, `gave up after ${ms} ms, within the HEALTHCHECK's 5 s`)
})

t.test('a service that trickles its answer: exit 1 at the deadline', async (t) => {
  const server = createServer((_req, res) => {
    res.writeHead(200)
    const drip = setInterval(() => res.write('.'), 200)
    res.on('close', () => clearInterval(drip))
  })
  const port = await listen(server)
  t.teardown(() => { server.closeAllConnections(); server.close() })
  const { code, ms } = await healthcheck(port)
  t.equal(code, 1)
  t.ok(ms < 6000, `gave up after ${ms} ms`)
})

t.test('a service bound to one address is asked there', async (t) => {
  const app = await build(t)
  await app.listen({ host: '127.0.0.2', port: 0 })
  const { port } = app.server.address() as AddressInfo
  t.equal((await healthcheck(port, '127.0.0.2')).code, 0)
  t.equal((await healthcheck(port, '0.0.0.0')).code, 1, '127.0.0.1 has no listener')
})
