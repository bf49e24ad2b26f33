// ISO 4217 minor units. Most currencies have two; these are the exceptions.
// Intl's own digits come from CLDR, which rounds some currencies for display
// (IQD, RSD, ...), so it cannot be trusted for booking money.
const EXPONENT_EXCEPTIONS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0,
  RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4
}

// Codes that are not money a shop can take: precious metals, SDRs, test codes.
const NOT_MONEY = new Set([
  'XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU',
  'XTS', 'XUA', 'XXX'
])

const KNOWN = new Set(
  Intl.supportedValuesOf('currency').filter((code) => !NOT_MONEY.has(code))
)

export function isCurrency (code: string): boolean {
  return KNOWN.has(code)
}

/** Digits after the decimal point, or undefined for an unknown code. */
export function currencyExponent (code: string): number | undefined {
  if (!KNOWN.has(code)) return undefined
  return EXPONENT_EXCEPTIONS[code] ?? 2
}
