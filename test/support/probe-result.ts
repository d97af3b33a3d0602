// A probe result for unit tests: an answered one-token credit check unless told otherwise.
import type { ProbeResult } from '../../src/credentials/api-probe.ts'

export const probeResult = (overrides: Partial<ProbeResult> = {}): ProbeResult => ({
  request: 'messages.create',
  credential: 'env ANTHROPIC_API_KEY',
  requestId: 'req_1',
  organizationId: 'org-1',
  durationMs: 300,
  ...overrides,
})
