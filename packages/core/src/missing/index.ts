export * from './missing-report.js';
export * from './missing-formats.js';
export * from './missing-files.js';
