export { startFixedLatencyServer, type FixedLatencyServer, type FixedLatencyServerOptions, type FixedLatencyProtocol } from './server.js'
