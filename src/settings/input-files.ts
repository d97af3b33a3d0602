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
