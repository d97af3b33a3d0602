// A command's output is matched against the causes from the last TEXT_WINDOW_BYTES of each stream, so a
// chatty command costs bounded memory: what came before is pushed out, and stderr keeps its own window.
import { describe, expect, it } from 'vitest'
import { AttemptObserver, TEXT_WINDOW_BYTES } from '../../src/diagnosis/observation.ts'

const ERROR = 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n'
const BLOCK = Buffer.from('all fine so far\n'.repeat(4096))

/** More than a window of harmless lines, a block at a time, as the relay passes them on. */
function chatter(observer: AttemptObserver): void {
  for (let sent = 0; sent <= TEXT_WINDOW_BYTES + BLOCK.length; sent += BLOCK.length) observer.addText('stdout', BLOCK)
}

const sawOverload = (observer: AttemptObserver): boolean =>
  observer.observation.lineClues.some((clue) => clue.text?.includes('overloaded_error') === true)

describe('the text window', () => {
  it('finds an error at the end of a chatty output', () => {
    const observer = new AttemptObserver('text')
    chatter(observer)
    observer.addText('stdout', Buffer.from(ERROR))
    expect(sawOverload(observer)).toBe(true)
  })

  it('lets more than a window of later output push an early error out', () => {
    const observer = new AttemptObserver('text')
    observer.addText('stdout', Buffer.from(ERROR))
    chatter(observer)
    expect(sawOverload(observer)).toBe(false)
  })

  it('keeps a short stderr whatever stdout prints', () => {
    const observer = new AttemptObserver('text')
    observer.addText('stderr', Buffer.from(ERROR))
    chatter(observer)
    expect(sawOverload(observer)).toBe(true)
  })
})
