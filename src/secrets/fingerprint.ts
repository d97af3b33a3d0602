// A credential shown without showing it: its length, its first 7 characters (the `sk-ant-` kind prefix)
// and last 4, and a short SHA-256 so two runs can be compared.
import { createHash } from 'node:crypto'

/** Shorter values would give away too much of themselves through the first and last characters. */
const MIN_SHOWN_LENGTH = 20

export function fingerprint(secret: string): string {
  const sha = createHash('sha256').update(secret).digest('hex').slice(0, 12)
  const ends = secret.length >= MIN_SHOWN_LENGTH ? `${secret.slice(0, 7)}…${secret.slice(-4)}, ` : ''
  return `${ends}${secret.length} characters, sha256:${sha}`
}
