// What CI asks for in POST /v1/promotions, as the service reads it after schema validation.
import type { Environment } from '../domain/environments.js'

export interface PromotionRequest {
  model: string
  version: string
  targetEnvironment: Environment
  endpoint?: { protocol: string; url: string; model?: string }
  evaluation?: { dataset: string }
  outputFilter?: { protocol: string; url: string }
  artifact?: { uri: string; digest: string }
  evidence?: Record<string, unknown>
}
