import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Sources run from src/ under the test runner and from dist/src/ when built,
// so files shipped beside package.json are found by walking up to it.
function findRoot (): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('package.json not found above ' + dir)
    dir = parent
  }
  return dir
}

export const projectRoot = findRoot()
