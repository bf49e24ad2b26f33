// The container HEALTHCHECK: exit 0 when GET /health answers 200, else 1.
// A Node script because the runtime image has no curl.
import { request } from 'node:http'

// The same defaults as the server's; an empty value means the default too.
const port = Number(process.env.PORT?.trim() || 5000)
const listen = process.env.HOST?.trim() ?? ''
// A wildcard address listens on loopback too; a specific one may not.
const host = ['', '0.0.0.0', '::'].includes(listen) ? '127.0.0.1' : listen
const TIMEOUT_MS = 3000

function check (): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: '/health' }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode === 200))
      res.on('error', () => resolve(false))
    })
    // A limit on the whole exchange: a server that trickles its body must
    // not keep the check alive.
    const deadline = setTimeout(() => {
      req.destroy()
      resolve(false)
    }, TIMEOUT_MS)
    deadline.unref()
    req.on('error', () => resolve(false))
    req.end()
  })
}

process.exitCode = (await check()) ? 0 : 1
