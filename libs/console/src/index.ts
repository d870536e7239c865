export { consoleApp, HEALTH_TIMEOUT_MS, RUN_CACHE_MS, RUNS_CACHE_MS, type ConsoleOptions } from './console-app.js';
export { checkHealth, consoleDependencies, type DependencyCheck, type HealthReport } from './health.js';
export { formatMinor } from './pages/format.js';
export type { ObjectUrl } from './pages/run-page.js';
export { serveConsole, type RunningConsole } from './serve-console.js';
