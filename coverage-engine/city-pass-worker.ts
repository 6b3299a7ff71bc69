// A city-pass worker thread: connects at once, then runs the one shard it is sent (evaluate-all.ts
// runShard) on that session and posts its progress, then its outcome (or the error that stopped it).
import { parentPort, workerData } from 'node:worker_threads';
import { connectClient } from '../db/connect';
import { runShard, type ShardSpec } from './evaluate-all';

const { url } = workerData as { url: string };
const connected = connectClient(url, 'xueliang city pass');
// A failed connection is reported when the shard arrives.
connected.catch(() => undefined);

parentPort!.once('message', ({ spec }: { spec: ShardSpec }) => {
  void (async () => {
    let client: Awaited<typeof connected> | undefined;
    try {
      client = await connected;
      const outcome = await runShard(client, spec, (progress) => parentPort!.postMessage({ progress }));
      parentPort!.postMessage({ outcome });
    } catch (e) {
      parentPort!.postMessage({ error: `city pass shard failed: ${(e as Error).message}` });
    } finally {
      await client?.end();
    }
  })();
});
