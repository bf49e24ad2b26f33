import { formatMinorUnits, toMinorUnits } from '../lib/money.js'
import { parseCsv } from './csv.js'
import type { ReplayRecord } from './record.js'

export const REES46_HEADER = 'event_time,event_type,product_id,category_id,' +
  'category_code,brand,price,user_id,user_session'

// "2019-10-01 00:00:02 UTC" is not RFC 3339; read it field by field.
const TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) UTC$/

export function parseRees46Time (text: string): number {
  const m = TIME.exec(text)
  if (m === null) throw new Error(`not a REES46 event_time: "${text}"`)
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[]
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s)
}

const BEHAVIOUR: Record<string, 'page_view' | 'add_to_cart'> = {
  view: 'page_view',
  cart: 'add_to_cart',
  // No figure tells a removal apart from other activity: it keeps the
  // visitor and the session alive, which a page view does too.
  remove_from_cart: 'page_view'
}

interface Purchase {
  ts: number
  userId: string
  sessionId: string
  cents: number
  line: number
}

// A visitor is the user, else the session; a row with neither is nobody's.
function who (userId: string, sessionId: string): { userId?: string, sessionId?: string } {
  if (userId === '' && sessionId === '') throw new Error('has neither user_id nor user_session')
  return {
    ...(userId === '' ? {} : { userId }),
    ...(sessionId === '' ? {} : { sessionId })
  }
}

function readRow (cells: string[], line: number, fileId: string,
  records: ReplayRecord[], purchases: Map<string, Purchase>): void {
  const [time = '', type = '', , , , , price = '', userId = '', sessionId = ''] = cells
  const ts = parseRees46Time(time)

  if (type === 'purchase') {
    who(userId, sessionId)
    const key = `${sessionId || userId} ${ts}`
    const order = purchases.get(key) ?? { ts, userId, sessionId, cents: 0, line }
    order.cents += toMinorUnits(price, 'USD')
    purchases.set(key, order)
    return
  }
  const mapped = BEHAVIOUR[type]
  if (mapped === undefined) throw new Error(`unknown event_type "${type}"`)
  records.push({
    ts,
    event: { type: mapped, id: `${fileId}-${line}`, ...who(userId, sessionId) }
  })
}

/**
 * REES46 e-commerce behaviour rows as events. Purchase rows of one session
 * at the same second are one order; prices are USD. Event ids are derived
 * from `fileId` and the line, so replaying a file again stores nothing new.
 */
export function parseRees46 (text: string, fileId: string): ReplayRecord[] {
  const [header, ...rows] = parseCsv(text)
  if (header?.join(',') !== REES46_HEADER) {
    throw new Error('not a REES46 file: the header differs')
  }

  const records: ReplayRecord[] = []
  const purchases = new Map<string, Purchase>()
  rows.forEach((cells, i) => {
    if (cells.length === 1 && cells[0] === '') return
    const line = i + 2
    try {
      readRow(cells, line, fileId, records, purchases)
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      throw new Error(`line ${line}: ${message}`)
    }
  })

  for (const order of purchases.values()) {
    records.push({
      ts: order.ts,
      event: {
        type: 'order_completed',
        id: `${fileId}-${order.line}`,
        ...who(order.userId, order.sessionId),
        order: {
          id: `${order.sessionId || order.userId}-${order.ts / 1000}`,
          total: formatMinorUnits(order.cents, 'USD'),
          currency: 'USD'
        }
      }
    })
  }
  return records.sort((a, b) => a.ts - b.ts)
}
