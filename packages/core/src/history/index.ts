export * from './history-types.js';
export { appendRun, bound, MAX_MISSES_PER_PLAYLIST, runsFor, type HistoryLimits, type RunFacts } from './history-record.js';
export { appendHistory, historyPath, readHistory, type AppendHistoryOptions } from './history-store.js';
