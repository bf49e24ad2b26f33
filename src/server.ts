import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'

// A bad setting stops the start with one line naming it, not a stack trace.
function exitOnConfigError (err: unknown): never {
  if (err instanceof ConfigError) {
    process.stderr.write(`ecompulse: bad configuration: ${err.message}\n`)
    process.exit(78) // EX_CONFIG
  }
  throw err
}

let config
try {
  config = loadConfig()
} catch (err) {
  exitOnConfigError(err)
}

const app = await buildApp(config, {
  logger: {
    level: config.logLevel,
    // Headers can carry ingest keys and webhook signatures.
    redact: ['req.headers.authorization', 'req.headers["x-ingest-key"]']
  }
}).catch(exitOnConfigError)

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err !== undefined) app.log.error({ err }, 'closing after an error')
  else app.log.info({ signal }, 'closing')
  await app.close()
})

try {
  await app.listen({ port: config.port, host: config.host })
} catch (err) {
  app.log.error({ err }, 'could not start')
  process.exit(1)
}
