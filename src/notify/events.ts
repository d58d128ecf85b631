// The webhook events modelgate emits.
export const WEBHOOK_EVENTS = [
  'promotion.created',
  'promotion.blocked',
  'promotion.awaiting_approval',
  'promotion.promoted',
  'promotion.rejected',
  'promotion.expired',
  'promotion.cancelled',
  'approval.recorded',
  'audit.checkpoint',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | 'webhook.test'
