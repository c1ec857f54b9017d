export {
  canSignOutsideExecution,
  createWorkerSessionStorage,
  type OutsideExecutionSigner,
} from './client.js';
export { startSessionWorker } from './host.js';
export type { WorkerPort } from './protocol.js';
