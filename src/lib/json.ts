/**
 * JSON.parse that keeps integers beyond 2^53 exact by reading them as
 * strings. Platforms send int64 ids as bare numbers (Shopify order ids),
 * and a double would round 9007199254740993 into another order's id.
 * Strings in the text are copied untouched; only bare number tokens change.
 */
export function parseJsonKeepingBigInts (text: string): unknown {
  let out = ''
  let from = 0
  let inString = false

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') {
      inString = true
      continue
    }
    if (ch !== '-' && (ch === undefined || ch < '0' || ch > '9')) continue

    let end = i + 1
    while (end < text.length && /[0-9.eE+-]/.test(text[end] as string)) end++
    const token = text.slice(i, end)
    if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
      out += text.slice(from, i) + `"${token}"`
      from = end
    }
    i = end - 1
  }
  return JSON.parse(out + text.slice(from))
}
