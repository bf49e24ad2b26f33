import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'

function configOrExit (): Config {
  try {
    return loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`ecompulse: bad configuration: ${err.message}\n`)
      process.exit(78) // EX_CONFIG
    }
    throw err
  }
}

const config = configOrExit()
const app = await buildApp(config, {
  logger: {
    level: config.logLevel,
    // Headers can carry ingest keys and webhook signatures.
    redact: ['req.headers.authorization', 'req.headers["x-ingest-key"]']
  }
})

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
