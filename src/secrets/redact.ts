// Removes credentials from any text the action writes. Known secrets are replaced wherever they appear,
// and anything shaped like an Anthropic token (`sk-ant-…`) is cut to its prefix, so a key the action was
// never told about does not leak either.

export const TOKEN_SHAPE = /sk-ant-[A-Za-z0-9_-]{6,}/g
const TOKEN_PREFIX = 'sk-ant-'
/** Shorter values would redact ordinary words. */
const MIN_SECRET_LENGTH = 8

export class Redactor {
  private readonly secrets = new Set<string>()

  add(secret: string | undefined): void {
    if (secret === undefined) return
    for (const value of [secret, secret.trim()]) if (value.length >= MIN_SECRET_LENGTH) this.secrets.add(value)
  }

  redact(text: string): string {
    let out = text
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('***')
    return out.replace(TOKEN_SHAPE, 'sk-ant-***')
  }

  /** Redacts bytes of text; returns the same buffer, undecoded, when there is nothing to redact. */
  redactBytes(bytes: Buffer): Buffer {
    const suspect = bytes.includes(TOKEN_PREFIX) || [...this.secrets].some((secret) => bytes.includes(secret))
    return suspect ? Buffer.from(this.redact(bytes.toString('utf8'))) : bytes
  }

  /** Redacts every string inside a JSON-like value. */
  redactDeep<T>(value: T): T {
    return JSON.parse(this.redact(JSON.stringify(value))) as T
  }
}
