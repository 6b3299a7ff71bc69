// The one file of a multipart/form-data upload (`curl -F file=@ledger.csv`, an HTML form), as a
// stream: busboy parses the body as it arrives, so a 200 MB ledger is never held in memory.
import { PassThrough, type Readable } from 'node:stream';
import busboy from 'busboy';
import { BadRequestError } from '../errors';

export const UPLOAD_FIELD = 'file';

export function isMultipart(contentType: string | undefined): boolean {
  return contentType !== undefined && /^multipart\/form-data\s*;/i.test(contentType);
}

const unreadable = (err: Error) =>
  new BadRequestError(
    `The multipart body cannot be read: ${err.message}${/end of form/i.test(err.message) ? ' (the upload was cut off before its closing boundary)' : ''}.`,
    { field: 'body' },
  );

/**
 * Resolves with the stream of the part named `file` and its file name; other parts are skipped.
 * A body that breaks off or turns malformed after the file part began fails that stream with a
 * 400 (BadRequestError), so whoever consumes it reports the client's mistake, not a 500.
 */
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
    const out = new PassThrough();
    parser.on('file', (name, stream, info) => {
      if (name !== UPLOAD_FIELD || found) {
        stream.resume();
        return;
      }
      found = true;
      stream.on('error', (err: Error) => out.destroy(unreadable(err)));
      stream.pipe(out);
      resolve({ stream: out, fileName: info.filename });
    });
    parser.on('error', (err: Error) => {
      if (!found) reject(unreadable(err));
      else out.destroy(unreadable(err));
    });
    parser.on('close', () => {
      if (!found) reject(new BadRequestError(`The multipart body has no file part named "${UPLOAD_FIELD}".`, { field: UPLOAD_FIELD }));
    });
    body.on('error', (err) => parser.destroy(err));
    body.pipe(parser);
  });
}
