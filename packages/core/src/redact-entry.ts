/**
 * `@harmoniq/core/redact`: redaction and control-character escaping alone, with no other import. The CLI's process
 * guard is installed before any command runs, `--help` included; importing these from the pipeline entry would
 * load the whole pipeline (zod, got, date-fns) into every start-up (ADR 0016).
 */
export { createRedactor, isSecretName, type Redactor } from './logging/redact.js';
export { neutraliseControls } from './logging/safe-text.js';
