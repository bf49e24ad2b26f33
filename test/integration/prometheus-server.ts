import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** A free loopback port, found by letting the kernel pick one. */
export async function freePort (): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Polls `check` until it returns a value, or throws after `ms`. */
export async function until<T> (what: string, ms: number,
  check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (err) {
      last = err
    }
    await sleep(200)
  }
  throw new Error(`${what}: not within ${ms} ms (${String(last)})`)
}

export interface Sample { metric: Record<string, string>, value: [number, string] }

export interface Prometheus {
  url: string
  /** GET an /api/v1 path; throws unless Prometheus says success. */
  api: <T>(path: string, params?: Record<string, string>) => Promise<T>
  query: (expr: string) => Promise<Sample[]>
  stop: () => Promise<void>
  log: () => string
}

/**
 * Starts `prometheus` on a free loopback port with a config of its own
 * scraping `target` (host:port on 127.0.0.1) every second, its data in
 * `dir`, and waits until it is ready.
 */
export async function startPrometheus (dir: string, target: string,
  ruleFiles: string[]): Promise<Prometheus> {
  const config = join(dir, 'prometheus.yml')
  writeFileSync(config, JSON.stringify({
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: ruleFiles,
    scrape_configs: [{
      job_name: 'ecompulse',
      scrape_interval: '1s',
      scrape_timeout: '1s',
      static_configs: [{ targets: [target] }]
    }]
  }, null, 2))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn('prometheus', [
    `--config.file=${config}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    '--storage.tsdb.retention.time=1h',
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn'
  ], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => { stderr += String(chunk) })
  const exited = once(child, 'exit')

  async function stop (): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = sleep(10_000).then(() => 'timeout')
    if (await Promise.race([exited, timer]) === 'timeout') {
      child.kill('SIGKILL')
      await exited
    }
  }

  async function api<T> (path: string, params: Record<string, string> = {}) {
    const res = await fetch(`${url}/api/v1/${path}?${new URLSearchParams(params)}`,
      { signal: AbortSignal.timeout(5_000) })
    const body = await res.json() as { status: string, data: T, error?: string }
    if (body.status !== 'success') {
      throw new Error(`${path} ${JSON.stringify(params)}: ${body.error ?? res.status}`)
    }
    return body.data
  }

  try {
    await until('prometheus /-/ready', 30_000, async () => {
      if (child.exitCode !== null) throw new Error(`exited: ${stderr}`)
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) })
      return res.ok ? true : undefined
    })
  } catch (err) {
    await stop()
    throw err
  }
  return {
    url,
    api,
    query: async (expr) =>
      (await api<{ result: Sample[] }>('query', { query: expr })).result,
    stop,
    log: () => stderr
  }
}
