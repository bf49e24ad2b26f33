import { Counter, Gauge, type Registry } from 'prom-client'
import { setCounter, setCounters } from '../../src/lib/prom.js'
import type { SalesFigures } from './ledger.js'

function setPerCurrency (counter: Counter<'currency'>, totals: Record<string, number>): void {
  setCounters(counter, Object.entries(totals).map(([currency, value]) =>
    [{ currency }, value] as const))
}

/** The sales series, read from the ledger when Prometheus scrapes. */
export function salesMetrics (
  registry: Registry,
  read: () => SalesFigures,
  conversion: () => { rate: number, sessions: number }
): void {
  const registers = [registry]

  new Counter({
    name: 'ecom_orders_total',
    help: 'Distinct orders, counted once per source and order id; test orders excluded.',
    registers,
    collect () { setCounter(this, read().orders) }
  })
  new Counter({
    name: 'ecom_revenue_total',
    help: 'Gross order totals in the base currency (label-free headline), ' +
      'other currencies converted at the configured rates.',
    registers,
    collect () { setCounter(this, read().revenue) }
  })
  new Counter({
    name: 'ecom_revenue_by_currency_total',
    help: 'Gross order totals per order currency, in units of that currency.',
    labelNames: ['currency'],
    registers,
    collect () { setPerCurrency(this, read().revenueByCurrency) }
  })
  new Counter({
    name: 'ecom_refunded_revenue_total',
    help: 'Refunded amounts in the base currency, converted like revenue.',
    registers,
    collect () { setCounter(this, read().refunds) }
  })
  new Counter({
    name: 'ecom_refunded_revenue_by_currency_total',
    help: 'Refunded amounts per currency, in units of that currency.',
    labelNames: ['currency'],
    registers,
    collect () { setPerCurrency(this, read().refundsByCurrency) }
  })
  new Gauge({
    name: 'ecom_net_revenue',
    help: 'Revenue minus refunds, in the base currency.',
    registers,
    collect () { this.set(read().netRevenue) }
  })
  new Gauge({
    name: 'ecom_average_order_value',
    help: 'Revenue in the base currency divided by the orders it includes.',
    registers,
    collect () { this.set(read().averageOrderValue) }
  })
  new Gauge({
    name: 'ecom_last_order_timestamp_seconds',
    help: 'Unix time of the latest order by event time; 0 before the first.',
    registers,
    collect () { this.set(read().lastOrderTimestamp) }
  })
  new Gauge({
    name: 'ecom_conversion_rate',
    help: 'Percent of sessions active in the conversion window (24 h by ' +
      'default) that completed at least one order; 0 without sessions.',
    registers,
    collect () { this.set(conversion().rate) }
  })
  new Gauge({
    name: 'ecom_conversion_window_sessions',
    help: 'Sessions with any event in the conversion window (24 h by ' +
      'default): the denominator of ecom_conversion_rate.',
    registers,
    collect () { this.set(conversion().sessions) }
  })
}
