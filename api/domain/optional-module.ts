// Loads a module another engineer is still writing (the coverage engine's refresh functions,
// the status summary) only when its file exists, so the API works before and after it lands.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, Promise<unknown>>();

/** `relative` is resolved against `moduleUrl` and must name the .ts file. */
export async function optionalModule<T>(moduleUrl: string, relative: string): Promise<T | undefined> {
  const url = new URL(relative, moduleUrl);
  if (!existsSync(fileURLToPath(url))) return undefined;
  let p = cache.get(url.href);
  if (p === undefined) {
    p = import(url.href);
    cache.set(url.href, p);
  }
  return (await p) as T;
}
