// The settings parser's view of the disk: prompt files and the working directory.
import { existsSync, readFileSync, statSync } from 'node:fs'
import type { InputFiles } from './settings.js'

export const diskFiles: InputFiles = {
  readText: (path) => {
    try {
      return readFileSync(path, 'utf8')
    } catch {
      return undefined
    }
  },
  isDirectory: (path) => existsSync(path) && statSync(path).isDirectory(),
}

/** A log to diagnose, as the disk has it: a missing or empty file is a fact, not a fault. */
export type LogFile =
  { kind: 'missing' } | { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'unreadable'; reason: string }

/** Of a larger log, the end is read: that is where a run's error is. */
const MAX_LOG_BYTES = 64 * 1024 * 1024

export function readLogFile(path: string): LogFile {
  let size: number
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) return { kind: 'unreadable', reason: 'it is a directory' }
    size = stat.size
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', reason: code ?? String(error) }
  }
  try {
    const buffer = readFileSync(path)
    const text = buffer.subarray(Math.max(0, size - MAX_LOG_BYTES)).toString('utf8')
    return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text }
  } catch (error) {
    return { kind: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? String(error) }
  }
}
