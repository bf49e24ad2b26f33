/** Bytes received and sent by one interface since boot. */
export interface IfaceBytes {
  rx: number
  tx: number
}

/**
 * Parses /proc/net/dev into bytes per interface. After the two header
 * lines each line is `name: rx_bytes rx_packets ... (8 fields) tx_bytes ...`.
 * Loopback is dropped here: traffic to ourselves is not network traffic.
 */
export function parseNetDev (text: string): Map<string, IfaceBytes> {
  const ifaces = new Map<string, IfaceBytes>()
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':')
    if (colon < 0 || line.includes('|')) continue
    const name = line.slice(0, colon).trim()
    const fields = line.slice(colon + 1).trim().split(/\s+/).map(Number)
    const rx = fields[0]
    const tx = fields[8]
    if (rx === undefined || tx === undefined ||
      !Number.isFinite(rx) || !Number.isFinite(tx)) {
      throw new Error(`/proc/net/dev line is malformed: ${line}`)
    }
    if (name !== 'lo') ifaces.set(name, { rx, tx })
  }
  return ifaces
}

/**
 * Megabits (10^6 bits) per second received plus sent between two readings.
 * An interface that appeared or whose counters went back (it was recreated)
 * adds nothing for this interval rather than a bogus jump.
 */
export function networkMbps (
  prev: ReadonlyMap<string, IfaceBytes>,
  cur: ReadonlyMap<string, IfaceBytes>,
  seconds: number
): number {
  if (!(seconds > 0)) return 0
  let bytes = 0
  for (const [name, now] of cur) {
    const before = prev.get(name)
    if (before === undefined) continue
    if (now.rx >= before.rx) bytes += now.rx - before.rx
    if (now.tx >= before.tx) bytes += now.tx - before.tx
  }
  return bytes * 8 / 1e6 / seconds
}
