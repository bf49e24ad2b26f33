import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Mode = 'ok' | 'slow' | 'error'

/**
 * A stand-in storefront on loopback that a test can make slow, make answer
 * 503, stop (connection refused) and start again on the same port.
 */
export class Storefront {
  mode: Mode = 'ok'
  slowMs = 1_000
  hits = 0
  private server: Server | null = null
  private port = 0
  private readonly pending = new Set<NodeJS.Timeout>()

  get url (): string {
    return `http://127.0.0.1:${this.port}/`
  }

  async start (): Promise<this> {
    const server = createServer((req, res) => {
      this.hits++
      if (this.mode === 'error') {
        res.writeHead(503).end('unavailable')
      } else if (this.mode === 'slow') {
        const timer = setTimeout(() => {
          this.pending.delete(timer)
          res.end('late')
        }, this.slowMs)
        this.pending.add(timer)
      } else {
        res.end('<html>shop</html>')
      }
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', resolve)
    })
    this.port = (server.address() as AddressInfo).port
    this.server = server
    return this
  }

  async stop (): Promise<void> {
    const server = this.server
    if (server === null) return
    this.server = null
    for (const timer of this.pending) clearTimeout(timer)
    this.pending.clear()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
