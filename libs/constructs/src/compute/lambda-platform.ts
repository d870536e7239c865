/** Graviton: cheaper per GB-second than x86 (seed 004). Same for every environment by design. */
export const LAMBDA_ARCHITECTURE = 'arm64';
/** nodejs18.x (seed 000) is closed to new functions; 22.x is the current LTS runtime. */
export const LAMBDA_RUNTIME = 'nodejs22.x';
/** Every handler bundle exports `handler` from `index.mjs` (libs/lambda-handlers/scripts/build-handlers.mjs). */
export const HANDLER_ENTRY = 'index.handler';
