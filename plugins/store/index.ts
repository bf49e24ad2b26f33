import fp from 'fastify-plugin'
import { ConfigError } from '../../src/config.js'
import { SqliteStore } from './sqlite.js'
import type { Store } from './store.js'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
  }
}

/** Opens the configured store and closes it when the app closes. */
export default fp(async function storePlugin (app) {
  const { config } = app
  let store: SqliteStore
  try {
    store = new SqliteStore(config.dbFile)
  } catch (err) {
    // A path that cannot hold a database is a setting to fix, not a crash.
    const reason = err instanceof Error ? err.message : String(err)
    throw new ConfigError('ECOMPULSE_DB', `cannot be opened at "${config.dbFile}": ${reason}`)
  }
  app.decorate('store', store)
  app.addHook('onClose', async () => store.close())
  app.log.info({ store: store.kind, file: config.dbFile }, 'store opened')
}, { name: 'store', dependencies: ['config'] })
