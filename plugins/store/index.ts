import fp from 'fastify-plugin'
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
  const store = new SqliteStore(config.dbFile)
  app.decorate('store', store)
  app.addHook('onClose', async () => store.close())
  app.log.info({ store: store.kind, file: config.dbFile }, 'store opened')
}, { name: 'store', dependencies: ['config'] })
