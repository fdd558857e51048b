import { Transform, type TransformCallback } from 'node:stream';
import { ServiceError } from '../../../errors.js';

/** The upload's size limit, enforced as the bytes stream in (a Content-Length cannot be trusted). */
export function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        callback(
          new ServiceError('import.too_large', `The file is larger than the limit of ${maxBytes} bytes`, {
            extensions: { limit: 'IMPORT_MAX_BYTES', maxBytes },
          }),
        );
        return;
      }
      callback(null, chunk);
    },
  });
}
