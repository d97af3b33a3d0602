// Global setup: the end-to-end tests run dist/, so it is rebuilt first when the source changed since the
// last bundle. Nobody gets a green run of a stale bundle.
import { execFileSync } from 'node:child_process'
import { sourceHash, storedHash } from '../../scripts/source-hash.ts'

export default function setup(): void {
  if (storedHash() === sourceHash()) return
  process.stdout.write('src/ changed since dist/ was bundled: running npm run bundle first.\n')
  execFileSync('npm', ['run', 'bundle'], { stdio: ['ignore', 'ignore', 'inherit'] })
}
