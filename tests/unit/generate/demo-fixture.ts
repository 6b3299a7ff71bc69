// One generated demo county shared by the unit tests of a file (generation is pure, ~0.5 s).
import { generateCity } from '../../../gis-data/generate/city';
import type { CountyChunk } from '../../../gis-data/generate/types';

export function demoChunks(seed = 1): CountyChunk[] {
  return [...generateCity('demo', seed).counties()];
}
