import fp from 'fastify-plugin'
import { conversionRate, SalesLedger, type SalesFigures } from './ledger.js'
import { salesMetrics } from './metrics.js'

export type SalesSnapshot = SalesFigures & {
  conversionRate: number
  conversionSessions: number
}

declare module 'fastify' {
  interface FastifyInstance {
    sales: { snapshot (): SalesSnapshot }
  }
}

/** Orders, revenue, refunds and conversion (SPEC §3.1). */
export default fp(async function salesPlugin (app) {
  const { config, ingest, store, clock } = app
  const ledger = new SalesLedger(config.currency, config.fxRates)

  ingest.subscribe((event, outcome) => {
    if (outcome.newOrder && event.order !== undefined) {
      ledger.addOrder(event.order.currency, event.order.minor, event.ts)
    }
    if (outcome.newRefund && event.refund !== undefined) {
      ledger.addRefund(event.refund.currency, event.refund.minor)
    }
  })

  app.addHook('onReady', async () => {
    const totals = await store.totals()
    ledger.restore(totals.byCurrency, totals.lastOrderTs)
  })

  function conversion (): { rate: number, sessions: number } {
    const { sessions, converted } = ingest.sessions.conversion(clock())
    return { rate: conversionRate(sessions, converted), sessions }
  }

  function snapshot (): SalesSnapshot {
    const { rate, sessions } = conversion()
    return { ...ledger.figures(), conversionRate: rate, conversionSessions: sessions }
  }

  app.decorate('sales', { snapshot })
  salesMetrics(app.registry, () => ledger.figures(), conversion)
}, { name: 'sales', dependencies: ['config', 'store', 'ingest', 'metrics-registry'] })
