const RFC3339 = new RegExp('^(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})' +
  '(\\.\\d+)?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))$')

function daysIn (year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * Milliseconds since the epoch of an RFC 3339 date-time, or undefined when
 * the text is not one. Unlike Date.parse it refuses impossible dates
 * (February 30th, hour 24) instead of rolling them into the next day, and
 * it reads a leap second (:60) as the first instant of the next minute.
 */
export function parseRfc3339 (text: string): number | undefined {
  const m = RFC3339.exec(text)
  if (m === null) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as
    [number, number, number, number, number, number]
  const fraction = m[7] === undefined ? 0 : Number(m[7]) * 1000
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 60) return undefined

  let offset = 0
  if (m[8] === undefined) {
    const hours = Number(m[10])
    const minutes = Number(m[11])
    if (hours > 23 || minutes > 59) return undefined
    offset = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000
  }

  const utc = new Date(0)
  utc.setUTCFullYear(year, month - 1, day)
  utc.setUTCHours(hour, minute, Math.min(second, 59), 0)
  const leap = second === 60 ? 1000 : 0
  return utc.getTime() + leap + Math.floor(fraction) - offset
}
