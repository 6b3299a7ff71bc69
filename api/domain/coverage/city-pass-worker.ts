// A city-pass worker thread: runs one shard (evaluate-all.ts runShard) on a session of its own
// and posts its progress, then its outcome (or the error that stopped it).
import { parentPort, workerData } from 'node:worker_threads';
import { connectClient } from '../../../db/connect';
import { runShard, type ShardSpec } from './evaluate-all';

const { url, spec } = workerData as { url: string; spec: ShardSpec };
const client = await connectClient(url, 'xueliang city pass');
try {
  const outcome = await runShard(client, spec, (progress) => parentPort!.postMessage({ progress }));
  parentPort!.postMessage({ outcome });
} catch (e) {
  parentPort!.postMessage({ error: `city pass shard failed: ${(e as Error).message}` });
} finally {
  await client.end();
}
