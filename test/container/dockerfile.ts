import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../../src/lib/project-root.js'

export const dockerfileText = readFileSync(join(projectRoot, 'Dockerfile'), 'utf8')

export interface Instruction { keyword: string, args: string }

/**
 * The Dockerfile's instructions per build stage, continuation lines joined
 * and comments dropped: enough to assert what each stage does.
 */
export function stages (text: string): Instruction[][] {
  const joined = text.split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
  const result: Instruction[][] = []
  for (const line of joined.split('\n')) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line)
    if (match === null) continue
    const keyword = (match[1] ?? '').toUpperCase()
    const args = (match[2] ?? '').replace(/\s+/g, ' ').trim()
    if (keyword === 'FROM') result.push([])
    result.at(-1)?.push({ keyword, args })
  }
  return result
}

/** The arguments of every instruction with this keyword in a stage. */
export function argsOf (stage: Instruction[], keyword: string): string[] {
  return stage.filter((i) => i.keyword === keyword).map((i) => i.args)
}
