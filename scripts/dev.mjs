// npm run dev: compile on every change and restart the server on every
// compiled change, with only what Node 20 and TypeScript already provide.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

// tsc run by node itself, not through npx, so stopping it stops it.
const tsc = spawn(process.execPath, ['node_modules/typescript/bin/tsc', '-p',
  'tsconfig.build.json', '--watch', '--preserveWatchOutput'], { stdio: 'inherit' })

let server
const startServer = () => {
  if (server !== undefined || !existsSync('dist/src/server.js')) return
  server = spawn(process.execPath, ['--watch-path=dist', '--watch-preserve-output',
    'dist/src/server.js'], { stdio: 'inherit' })
}
const waitForBuild = setInterval(() => {
  startServer()
  if (server !== undefined) clearInterval(waitForBuild)
}, 500)

const stop = () => {
  clearInterval(waitForBuild)
  tsc.kill('SIGTERM')
  server?.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
