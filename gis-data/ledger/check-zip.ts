// Zip-bomb guard for .xlsx (and zipped shapefiles), run before any unzip library sees the file:
// declared sizes and compression ratios from the central directory are checked, then every
// entry is inflated and counted with yauzl (which fails when the real size differs from the
// declared one), so a lying header cannot slip a bomb past the declared-size limits.
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { ByteRanges } from './source';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Ratio uncompressed/compressed above which an entry bigger than ratioFloorBytes is refused. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntryBytes: 512 * 1024 * 1024,
  maxRatio: 150,
  ratioFloorBytes: 1024 * 1024,
};

/** yauzl over byte ranges (an encrypted upload decrypts any range on demand). */
class RangeReader extends yauzl.RandomAccessReader {
  constructor(private readonly ranges: ByteRanges) {
    super();
  }
  override _readStreamForRange(start: number, end: number): Readable {
    return this.ranges.read(start, end);
  }
}

export type ZipInput = string | Buffer | ByteRanges;

/** Opens a zip with lazy entries and real-size checks; `autoClose: false` keeps it open for read streams opened after its directory was read (close it yourself). */
export function openZip(input: ZipInput, extra: { autoClose?: boolean } = {}): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile): void => {
      if (err !== null || zip === undefined) reject(err ?? new Error('unreadable zip'));
      else resolve(zip);
    };
    const options = { lazyEntries: true, validateEntrySizes: true, ...extra };
    if (typeof input === 'string') yauzl.open(input, options, done);
    else if (Buffer.isBuffer(input)) yauzl.fromBuffer(input, options, done);
    else yauzl.fromRandomAccessReader(new RangeReader(input), input.size, options, done);
  });
}

/** Resolves with the entry names when the zip is within limits; rejects with the reason otherwise. */
export async function checkZip(input: ZipInput, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string[]> {
  const zip = await openZip(input);
  const names: string[] = [];
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        if (names.length > limits.maxEntries) return reject(new Error(`more than ${limits.maxEntries} entries in the archive`));
        const size = entry.uncompressedSize;
        total += size;
        if (size > limits.maxEntryBytes)
          return reject(new Error(`entry ${entry.fileName} declares ${size} bytes uncompressed (limit ${limits.maxEntryBytes})`));
        if (total > limits.maxTotalBytes)
          return reject(new Error(`entries declare ${total} bytes uncompressed in all (limit ${limits.maxTotalBytes})`));
        if (size > limits.ratioFloorBytes && size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
          return reject(
            new Error(
              `entry ${entry.fileName} compresses ${Math.round(size / Math.max(1, entry.compressedSize))}:1 (limit ${limits.maxRatio}:1), a zip bomb`,
            ),
          );
        }
        if (entry.fileName.endsWith('/')) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err !== null || stream === undefined) return reject(err ?? new Error('unreadable entry'));
          stream.on('error', reject);
          stream.on('data', () => {
            /* counted by yauzl's size validation */
          });
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return names;
}
