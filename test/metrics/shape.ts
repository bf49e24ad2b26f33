/**
 * The shape of an exposition: one `# TYPE` line per family and its sample
 * names with their labels, values masked, families sorted by name. The
 * process and Node.js defaults keep their family lines only: their label
 * values (handle types, GC kinds) vary from machine to machine.
 */
export function shape (text: string): string {
  const families = new Map<string, string[]>()
  let current: string[] = []
  let defaults = false
  let eof = false
  for (const line of text.split('\n')) {
    if (line === '# EOF') { eof = true; continue }
    if (line === '' || line.startsWith('# HELP ')) continue
    if (line.startsWith('# TYPE ')) {
      const name = line.split(' ')[2] ?? ''
      defaults = /^(process|nodejs)_/.test(name)
      current = [line]
      families.set(name, current)
      continue
    }
    if (defaults) continue
    const series = line.slice(0, line.lastIndexOf(' '))
    // A probed storefront listens on a port of the test's choosing.
    current.push(series.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT') + ' _')
  }
  const sorted = [...families.keys()].sort()
  const lines = sorted.flatMap((name) => families.get(name) ?? [])
  return lines.join('\n') + (eof ? '\n# EOF\n' : '\n')
}
