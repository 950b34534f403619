export type { FaultRule } from './common/faults.js';
export type { Emulator, RecordedRequest, EmulatorRequest, EmulatorResponse, Handler, ServeOptions } from './common/server.js';
export { serve, json } from './common/server.js';
