import { currencyExponent } from '../../src/lib/currencies.js'
import { convertMinorUnits, toMajorUnits } from '../../src/lib/money.js'
import type { CurrencyTotals } from '../store/store.js'

export interface SalesFigures {
  currency: string
  orders: number
  revenue: number
  revenueByCurrency: Record<string, number>
  refunds: number
  refundsByCurrency: Record<string, number>
  netRevenue: number
  averageOrderValue: number
  lastOrderAt: string | null
  lastOrderTimestamp: number
}

interface Book {
  orders: number
  revenueMinor: number
  refundsMinor: number
}

/**
 * Orders, revenue and refunds per currency in exact minor units. Figures in
 * the base currency convert each currency's total once, at read time, so
 * rounding happens once per currency and never accumulates per order.
 */
export class SalesLedger {
  private readonly books = new Map<string, Book>()
  private orders = 0
  private lastOrderTs: number | null = null

  constructor (
    private readonly base: string,
    private readonly rates: ReadonlyMap<string, string>
  ) {}

  private book (currency: string): Book {
    let book = this.books.get(currency)
    if (book === undefined) {
      book = { orders: 0, revenueMinor: 0, refundsMinor: 0 }
      this.books.set(currency, book)
    }
    return book
  }

  restore (totals: CurrencyTotals[], lastOrderTs: number | null): void {
    for (const t of totals) {
      const book = this.book(t.currency)
      book.orders += t.orders
      book.revenueMinor += t.revenueMinor
      book.refundsMinor += t.refundsMinor
      this.orders += t.orders
    }
    this.lastOrderTs = lastOrderTs
  }

  addOrder (currency: string, minor: number, ts: number): void {
    const book = this.book(currency)
    book.orders++
    book.revenueMinor += minor
    this.orders++
    if (this.lastOrderTs === null || ts > this.lastOrderTs) this.lastOrderTs = ts
  }

  addRefund (currency: string, minor: number): void {
    this.book(currency).refundsMinor += minor
  }

  /** Minor units of the base currency, or undefined without a rate. */
  private toBase (currency: string, minor: number): number | undefined {
    if (currency === this.base) return minor
    const rate = this.rates.get(currency)
    if (rate === undefined) return undefined
    const shift = (currencyExponent(this.base) ?? 2) - (currencyExponent(currency) ?? 2)
    return convertMinorUnits(minor, rate, shift)
  }

  figures (): SalesFigures {
    let revenue = 0
    let refunds = 0
    let convertibleOrders = 0
    const revenueByCurrency: Record<string, number> = {}
    const refundsByCurrency: Record<string, number> = {}

    const sorted = [...this.books].sort(([a], [b]) => a.localeCompare(b))
    for (const [currency, book] of sorted) {
      revenueByCurrency[currency] = toMajorUnits(book.revenueMinor, currency)
      refundsByCurrency[currency] = toMajorUnits(book.refundsMinor, currency)
      const gross = this.toBase(currency, book.revenueMinor)
      if (gross === undefined) continue
      revenue += gross
      refunds += this.toBase(currency, book.refundsMinor) ?? 0
      convertibleOrders += book.orders
    }

    const major = (minor: number): number => toMajorUnits(minor, this.base)
    const aov = convertibleOrders === 0 ? 0 : Math.round(revenue / convertibleOrders)
    return {
      currency: this.base,
      orders: this.orders,
      revenue: major(revenue),
      revenueByCurrency,
      refunds: major(refunds),
      refundsByCurrency,
      netRevenue: major(revenue - refunds),
      averageOrderValue: major(aov),
      lastOrderAt: this.lastOrderTs === null ? null : new Date(this.lastOrderTs).toISOString(),
      lastOrderTimestamp: this.lastOrderTs === null ? 0 : this.lastOrderTs / 1000
    }
  }
}

/** Percent of sessions that ordered, to two decimals; 0 without sessions. */
export function conversionRate (sessions: number, converted: number): number {
  if (sessions === 0) return 0
  return Math.round((converted / sessions) * 10_000) / 100
}
