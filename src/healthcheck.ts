// The container HEALTHCHECK: exit 0 when GET /health answers 200, else 1.
// A Node script because the runtime image has no curl; it asks loopback
// because the service listens on every interface, loopback included.
import { request } from 'node:http'

// The same default as the server's; an empty PORT means the default too.
const port = Number(process.env.PORT?.trim() || 5000)
const TIMEOUT_MS = 3000

function check (): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1', port, path: '/health', timeout: TIMEOUT_MS
    }, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('timeout', () => req.destroy(new Error('timed out')))
    req.on('error', () => resolve(false))
    req.end()
  })
}

process.exitCode = (await check()) ? 0 : 1
