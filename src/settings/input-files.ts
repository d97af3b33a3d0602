// The settings parser's view of the disk: prompt files and the working directory.
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs'
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

/** What a path that is not a regular file is, in words. */
function notAFile(stat: Stats): string {
  if (stat.isDirectory()) return 'it is a directory'
  if (stat.isFIFO()) return 'it is a FIFO (a named pipe), not a regular file'
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'it is a device, not a regular file'
  if (stat.isSocket()) return 'it is a socket, not a regular file'
  return 'it is not a regular file'
}

/**
 * The end of a regular file, read with positioned reads: a log of any size costs at most MAX_LOG_BYTES.
 * Anything else is refused before it is read: a FIFO would wait for a writer, a device never ends.
 */
export function readLogFile(path: string): LogFile {
  let fd: number
  try {
    // Non-blocking, so that opening a FIFO does not wait for a writer; it is refused below.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', reason: code ?? String(error) }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { kind: 'unreadable', reason: notAFile(stat) }
    const start = Math.max(0, stat.size - MAX_LOG_BYTES)
    const buffer = Buffer.alloc(stat.size - start)
    let length = 0
    while (length < buffer.length) {
      const bytes = readSync(fd, buffer, length, buffer.length - length, start + length)
      if (bytes === 0) break
      length += bytes
    }
    let text = buffer.subarray(0, length).toString('utf8')
    // A cut line is no line: the tail starts after it.
    if (start > 0 && text.includes('\n')) text = text.slice(text.indexOf('\n') + 1)
    return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text }
  } catch (error) {
    return { kind: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? String(error) }
  } finally {
    closeSync(fd)
  }
}
