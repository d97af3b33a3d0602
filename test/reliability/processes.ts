// What the reliability suite needs to know about processes, read from /proc (Linux, like the runners).
import { readdirSync, readFileSync } from 'node:fs'

interface ProcessStat {
  pid: number
  state: string
  ppid: number
  pgrp: number
}

function stat(pid: number): ProcessStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name is in parentheses and may hold spaces; the fields after it are fixed.
    const [state, ppid, pgrp] = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { pid, state, ppid: Number(ppid), pgrp: Number(pgrp) }
  } catch {
    return undefined
  }
}

function allProcesses(): ProcessStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => stat(Number(name)))
    .filter((process) => process !== undefined)
}

/** Alive: exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  const process = stat(pid)
  return process !== undefined && process.state !== 'Z'
}

/** Living processes of a process group. */
export const groupMembers = (pgid: number): number[] =>
  allProcesses()
    .filter((process) => process.pgrp === pgid && process.state !== 'Z')
    .map((process) => process.pid)

export const childrenOf = (pid: number): number[] =>
  allProcesses()
    .filter((process) => process.ppid === pid)
    .map((process) => process.pid)

export async function waitFor<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
