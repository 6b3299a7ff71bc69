// Worker entry: worker threads do not inherit the tsx loader the main thread registered, so
// register it here before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./city-pass-worker.ts');
