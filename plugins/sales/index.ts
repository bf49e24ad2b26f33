import fp from 'fastify-plugin'
import { conversionRate, SalesLedger, type SalesFigures } from './ledger.js'
import { salesMetrics } from './metrics.js'

export type SalesSnapshot = SalesFigures & { conversionRate: number }

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

  function conversionNow (): number {
    const { sessions, converted } = ingest.sessions.conversion(clock())
    return conversionRate(sessions, converted)
  }

  function snapshot (): SalesSnapshot {
    return { ...ledger.figures(), conversionRate: conversionNow() }
  }

  app.decorate('sales', { snapshot })
  salesMetrics(app.registry, () => ledger.figures(), conversionNow)
}, { name: 'sales', dependencies: ['config', 'store', 'ingest', 'metrics-registry'] })
