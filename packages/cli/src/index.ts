export { main } from './main.js';
export type { MainOptions } from './io.js';
export { guardProcess, type ProcessGuard } from './process-guard.js';
