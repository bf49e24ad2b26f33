import { spawnSync } from 'node:child_process'

/** Whether a command-line tool runs here (`tool --version` exits 0). */
export function installed (tool: string): boolean {
  return spawnSync(tool, ['--version'], { timeout: 10_000 }).status === 0
}

/**
 * The skip reason for a test that needs `tool`: on a developer's machine
 * without it the test is skipped, saying so; under CI it runs and fails,
 * because .ci/run installs it and a silent skip would hide a broken CI.
 */
export function skipWithout (tool: string): string | false {
  if (installed(tool) || process.env.CI !== undefined) return false
  return `${tool} is not installed (Debian: apt-get install prometheus); ` +
    'CI fails instead of skipping'
}
