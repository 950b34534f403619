export { main } from './main.js';
export type { MainOptions } from './io.js';
