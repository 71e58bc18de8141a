// Runs the contract worker from its TypeScript source (tests, `npm run web` started with tsx):
// a worker thread does not inherit the parent's tsx loader, so it registers its own. The built
// app never uses this file — electron-vite builds contract-worker.ts as an entry of its own.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
