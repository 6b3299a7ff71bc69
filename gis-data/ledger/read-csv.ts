// CSV ledgers, streamed: csv-parse yields one record at a time, so a 100,000-row file is never
// held whole. Delimiter comma, semicolon or tab; the encoding (UTF-8, BOM, GBK/GB18030) is decided
// on the whole file (one read through) and decoded strictly (text-encoding.ts). Cells are kept as
// text: a cell like =cmd|' /C calc'!A0 is a name, never a formula. Rows are objects without a
// prototype, so a column named __proto__ is a column like any other.
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import type { ByteSource } from './source';
import { readHead } from './source';
import { decodeStream, detectSourceEncoding, TextDecodingError } from './text-encoding';
import type { LedgerReadResult, LedgerRecord } from './ledger-record';

export function readCsvLedger(source: ByteSource): LedgerReadResult {
  async function* records(): AsyncGenerator<LedgerRecord> {
    const head = await readHead(source, 65536);
    if (head.includes(0)) throw new Error(`${source.fileName}: binary data (NUL bytes) in a CSV file`);
    const encoding = await detectSourceEncoding(source);
    const parser = parse({
      bom: true,
      delimiter: [',', ';', '\t'],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      max_record_size: 1_000_000,
    });
    // pipeline, not pipe: a failure of the file or of the strict decoder (TextDecodingError, with
    // its line) reaches the loop below through the parser instead of going unhandled.
    pipeline(source.open(), decodeStream(encoding, source.fileName), parser, () => undefined);
    let headers: string[] | undefined;
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (headers === undefined) {
        headers = item.record.map((h) => h.trim());
        continue;
      }
      const values = Object.create(null) as Record<string, string>;
      headers.forEach((h, i) => {
        const v = item.record[i];
        if (v !== undefined) values[h] = v;
      });
      yield { row: item.info.lines, values };
    }
  }
  async function* withRows(): AsyncGenerator<LedgerRecord> {
    try {
      yield* records();
    } catch (err) {
      // A CSV line is the row a person finds in the sheet.
      if (err instanceof TextDecodingError) err.row = err.line;
      throw err;
    }
  }
  return { records: withRows(), skipped: () => 0 };
}
