// The one file of a multipart/form-data upload (`curl -F file=@ledger.csv`, an HTML form), as a
// stream: busboy parses the body as it arrives, so a 200 MB ledger is never held in memory.
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { BadRequestError } from '../errors';

export const UPLOAD_FIELD = 'file';

export function isMultipart(contentType: string | undefined): boolean {
  return contentType !== undefined && /^multipart\/form-data\s*;/i.test(contentType);
}

/** Resolves with the stream of the part named `file` and its file name; other parts are skipped. */
export function multipartFile(body: Readable, contentType: string): Promise<{ stream: Readable; fileName: string | undefined }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fields: 20, fieldSize: 64 * 1024 } });
    } catch (err) {
      reject(new BadRequestError(`The multipart body cannot be read: ${(err as Error).message}.`, { field: 'body' }));
      return;
    }
    let found = false;
    parser.on('file', (name, stream, info) => {
      if (name !== UPLOAD_FIELD || found) {
        stream.resume();
        return;
      }
      found = true;
      resolve({ stream, fileName: info.filename });
    });
    parser.on('error', (err: Error) => {
      if (!found) reject(new BadRequestError(`The multipart body cannot be read: ${err.message}.`, { field: 'body' }));
    });
    parser.on('close', () => {
      if (!found) reject(new BadRequestError(`The multipart body has no file part named "${UPLOAD_FIELD}".`, { field: UPLOAD_FIELD }));
    });
    body.on('error', (err) => parser.destroy(err));
    body.pipe(parser);
  });
}
