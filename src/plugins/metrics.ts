// Prometheus metrics at /metrics: fastify's per-route histograms plus promotion counts by
// status, read from Postgres when scraped (so the API and worker processes agree).
import type { FastifyInstance, FastifyPluginCallback } from 'fastify'
import metricsModule, { type IMetricsPluginOptions } from 'fastify-metrics'
import fp from 'fastify-plugin'
import { promotionsByStatus } from '../core/promotion-repository.js'

// fastify-metrics is CommonJS; under ESM its plugin is the default export's default.
const metrics = (metricsModule as unknown as { default: FastifyPluginCallback<Partial<IMetricsPluginOptions>> }).default

export const metricsPlugin = fp(async function metricsResource(app: FastifyInstance) {
  // Per-route histograms only: the summary's streaming quantiles cost more per request than
  // the route itself, and a Prometheus histogram gives the same percentiles at query time.
  await app.register(metrics, {
    endpoint: {
      method: 'GET',
      url: '/metrics',
      schema: { tags: ['health'], security: [], summary: 'Prometheus metrics', operationId: 'getMetrics', hide: false },
      // Replaced by the plugin with its own handler.
      handler: async () => undefined,
    } as never,
    clearRegisterOnInit: true, defaultMetrics: { enabled: true }, routeMetrics: { enabled: { histogram: true, summary: false } } })
  const client = app.metrics.client
  new client.Gauge({
    name: 'modelgate_promotions',
    help: 'Promotions by status',
    labelNames: ['status'],
    async collect() {
      this.reset()
      for (const [status, n] of await promotionsByStatus(app.db)) this.set({ status }, n)
    },
  })
}, { name: 'metrics', dependencies: ['database'] })
