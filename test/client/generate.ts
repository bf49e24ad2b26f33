import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { projectRoot } from '../../src/lib/project-root.js'

/** Writes api.d.ts into dir from the document served at url. */
export async function generateTypes (url: URL, dir: string): Promise<string> {
  const ast = await openapiTS(url)
  const source = astToString(ast)
  writeFileSync(join(dir, 'api.d.ts'), source)
  return source
}

export interface Diagnostic { line: number, message: string }

/**
 * Compiles one file with the project's strictness and emits JavaScript
 * beside it. A temporary tsconfig would do the same; the compiler API
 * hands back each diagnostic with its line, which the test compares.
 */
export function compile (file: string): Diagnostic[] {
  const program = ts.createProgram([file], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    typeRoots: [join(projectRoot, 'node_modules', '@types')],
    skipLibCheck: true
  })
  const emitted = program.emit()
  const all = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics]
  return all.map((d) => ({
    line: d.file === undefined || d.start === undefined
      ? 0
      : d.file.getLineAndCharacterOfPosition(d.start).line + 1,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n')
  }))
}
