import { formatMinorUnits } from '../lib/money.js'
import { parseCsv } from './csv.js'
import type { ReplayRecord } from './record.js'

const CURRENCY = 'GBP'
const COLUMNS = ['InvoiceNo', 'Quantity', 'InvoiceDate', 'UnitPrice'] as const
// Prices are kept in ten-thousandths of a pound so that quantity x price is
// an exact integer; the UCI set has at most two decimals, older exports
// of it a third.
const PRICE_SCALE = 4
const PRICE = /^(-?)(\d{1,9})(?:\.(\d{1,4}))?$/

function fail (line: number, message: string): never {
  throw new Error(`line ${line}: ${message}`)
}

function price (text: string, line: number): number {
  const m = PRICE.exec(text.trim())
  if (m === null) fail(line, `UnitPrice "${text}" is not a decimal amount`)
  const [, sign, whole = '', fraction = ''] = m
  const value = Number(whole + fraction.padEnd(PRICE_SCALE, '0'))
  return sign === '-' ? -value : value
}

function quantity (text: string, line: number): number {
  if (!/^-?\d{1,9}$/.test(text.trim())) {
    fail(line, `Quantity "${text}" is not a whole number`)
  }
  return Number(text)
}

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric', month: 'numeric', day: 'numeric',
  hour: 'numeric', minute: 'numeric', second: 'numeric'
})

/** How far London's wall clock is ahead of UTC at an instant, ms. */
function londonOffset (utcMs: number): number {
  const parts: Record<string, number> = {}
  for (const part of london.formatToParts(utcMs)) parts[part.type] = Number(part.value)
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day,
    parts.hour, parts.minute, parts.second)
  return wall - utcMs
}

const DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/

/**
 * InvoiceDate "10/31/2011 10:42" is the UK wall clock: GMT in winter, BST
 * (UTC+1) in summer. The offset is looked up for the wall time read as UTC,
 * then checked again at the instant found, which settles times near a
 * change. A wall time that repeats when clocks go back reads as the later
 * (GMT) one; one skipped when they go forward lands an hour later.
 */
export function parseUciDate (text: string): number {
  const m = DATE.exec(text.trim())
  if (m === null) throw new Error(`InvoiceDate "${text}" is not M/D/YYYY H:MM`)
  const [month, day, year, hour, minute] = m.slice(1).map(Number) as number[]
  const wall = Date.UTC(year as number, (month as number) - 1, day, hour, minute)
  const check = new Date(wall)
  if (check.getUTCMonth() !== (month as number) - 1 || check.getUTCDate() !== day ||
    (hour as number) > 23) {
    throw new Error(`InvoiceDate "${text}" is not a real date and time`)
  }
  const first = wall - londonOffset(wall)
  return wall - londonOffset(first)
}

interface Invoice { no: string, ts: number, total: number }

/** Ten-thousandths of a pound to pence, rounding half away from zero. */
function pence (total: number): number {
  const step = 10 ** (PRICE_SCALE - 2)
  return Math.sign(total) * Math.round(Math.abs(total) / step)
}

function record (invoice: Invoice): ReplayRecord | undefined {
  const amount = pence(invoice.total)
  const cancellation = invoice.no.startsWith('C')
  // A sale that sums to nothing (free samples, stock write-offs entered as
  // negative lines at price 0) is not an order; a cancellation of nothing
  // is not a refund.
  if (cancellation ? amount >= 0 : amount <= 0) return undefined
  const id = `uci-${invoice.no}`
  if (!cancellation) {
    return {
      ts: invoice.ts,
      event: {
        type: 'order_completed',
        id,
        order: {
          id: invoice.no,
          total: formatMinorUnits(amount, CURRENCY),
          currency: CURRENCY
        }
      }
    }
  }
  return {
    ts: invoice.ts,
    event: {
      type: 'order_refunded',
      id,
      refund: {
        id: invoice.no,
        orderId: invoice.no.slice(1),
        amount: formatMinorUnits(-amount, CURRENCY),
        currency: CURRENCY
      }
    }
  }
}

/**
 * UCI Online Retail invoice lines as events: the lines of one InvoiceNo
 * are one order_completed of their summed quantity x price in GBP, and a
 * "C" invoice (a cancellation) one order_refunded of the amount it takes
 * back, against the invoice number without the C. Other invoices (the
 * "A" bad-debt adjustments of the full set) are bookkeeping, not sales,
 * and are skipped. The file holds no visits, so the events carry no
 * visitor: counting every buyer as a visit would show a conversion rate
 * nobody measured. Ids are "uci-<invoice>", so a replay repeated stores
 * nothing new.
 */
export function parseUci (text: string): ReplayRecord[] {
  const [header, ...rows] = parseCsv(text)
  const index = new Map(header?.map((name, i) => [name, i]))
  for (const name of COLUMNS) {
    if (!index.has(name)) {
      throw new Error(`not a UCI Online Retail file: no ${name} column`)
    }
  }
  const col = (cells: string[], name: typeof COLUMNS[number]) =>
    cells[index.get(name) as number] ?? ''

  const invoices = new Map<string, Invoice>()
  rows.forEach((cells, i) => {
    const line = i + 2
    if (cells.length === 1 && cells[0] === '') return
    const no = col(cells, 'InvoiceNo').trim()
    if (!/^[A-Z]?\d+$/.test(no)) fail(line, `InvoiceNo "${no}" is not an invoice number`)
    if (!/^C?\d+$/.test(no)) return
    const amount = quantity(col(cells, 'Quantity'), line) *
      price(col(cells, 'UnitPrice'), line)
    const invoice = invoices.get(no)
    if (invoice !== undefined) {
      invoice.total += amount
      return
    }
    let ts: number
    try {
      ts = parseUciDate(col(cells, 'InvoiceDate'))
    } catch (err) {
      fail(line, (err as Error).message)
    }
    invoices.set(no, { no, ts, total: amount })
  })

  const records: ReplayRecord[] = []
  for (const invoice of invoices.values()) {
    const r = record(invoice)
    if (r !== undefined) records.push(r)
  }
  return records.sort((a, b) => a.ts - b.ts)
}
