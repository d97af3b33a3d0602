// The hash of everything the bundle is built from (src/, patches/ to dependencies, package.json for the
// version, package-lock.json, tsconfig.json), kept in dist/.source-hash by `npm run bundle`. The test run
// rebuilds dist/ first when it does not match, so the end-to-end tests always run the current source. `node scripts/source-hash.ts write` stores it.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '..')
export const hashFile = join(root, 'dist', '.source-hash')

export function sourceHash(): string {
  const hash = createHash('sha256')
  const files = ['src', 'patches']
    .flatMap((dir) => readdirSync(join(root, dir), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .concat([join(root, 'package.json'), join(root, 'package-lock.json'), join(root, 'tsconfig.json')])
    .sort()
  for (const file of files)
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0')
  return hash.digest('hex')
}

export function storedHash(): string | undefined {
  try {
    return readFileSync(hashFile, 'utf8').trim()
  } catch {
    return undefined
  }
}

if (process.argv[2] === 'write') writeFileSync(hashFile, `${sourceHash()}\n`)
