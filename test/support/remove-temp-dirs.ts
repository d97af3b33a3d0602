// Setup file of every test file: the temporary folders its helpers made go when its tests are done.
import { afterAll } from 'vitest'
import { removeTempDirs } from './temp-dirs.ts'

afterAll(removeTempDirs)
