import { currencyExponent } from './currencies.js'

export class MoneyError extends Error {
  constructor (readonly rule: string) {
    super(rule)
  }
}

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,20}))?$/

/**
 * Exact minor units (cents) from a decimal string or a JSON number.
 * A number goes through its shortest round-trip text, so 19.99 is read as
 * "19.99" and becomes 1999, never 1998 as Math.floor(19.99 * 100) would.
 */
export function toMinorUnits (value: string | number, currency: string): number {
  const exponent = currencyExponent(currency)
  if (exponent === undefined) throw new MoneyError('unknown currency')

  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new MoneyError('must be a finite amount')
  }
  const text = typeof value === 'number' ? String(value) : value.trim()
  if (text.startsWith('-')) throw new MoneyError('must not be negative')

  const match = DECIMAL.exec(text)
  if (match === null) throw new MoneyError('must be a decimal amount like 19.99')

  const whole = match[1] as string
  const fraction = match[2] ?? ''
  const kept = fraction.slice(0, exponent)
  if (/[^0]/.test(fraction.slice(exponent))) {
    throw new MoneyError(`has more than ${exponent} decimals for ${currency}`)
  }

  const minor = Number(whole + kept.padEnd(exponent, '0'))
  if (!Number.isSafeInteger(minor)) throw new MoneyError('is too large')
  return minor
}

/** Minor units as a number of major units, for output. */
export function toMajorUnits (minor: number, currency: string): number {
  const exponent = currencyExponent(currency) ?? 2
  return Number((minor / 10 ** exponent).toFixed(exponent))
}

/** Minor units as exact decimal text: 1999 USD is "19.99". */
export function formatMinorUnits (minor: number, currency: string): string {
  const exponent = currencyExponent(currency) ?? 2
  const sign = minor < 0 ? '-' : ''
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0')
  if (exponent === 0) return sign + digits
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
}

/**
 * `minor` units of one currency in minor units of another, at a decimal
 * rate (units of the target per unit of the source), rounded half up.
 * `shift` is the target's exponent minus the source's. Integer arithmetic
 * throughout: 8.50 EUR at 1.17 is 9.945, which rounds to 9.95 exactly.
 */
export function convertMinorUnits (minor: number, rate: string, shift: number): number {
  const [whole = '0', fraction = ''] = rate.split('.')
  let numerator = BigInt(minor) * BigInt(whole + fraction)
  let denominator = 10n ** BigInt(fraction.length)
  if (shift >= 0) numerator *= 10n ** BigInt(shift)
  else denominator *= 10n ** BigInt(-shift)
  const sign = numerator < 0n ? -1n : 1n
  const magnitude = (2n * sign * numerator + denominator) / (2n * denominator)
  return Number(sign * magnitude)
}
