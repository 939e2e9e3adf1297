import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import { readCdnow } from '../../src/support/cdnow.fixture.js';

/**
 * CDNOW replicated the way the scale benchmarks do it (support/scale-data.ts): customer
 * copy k gets ids offset by k * 100,000, and each of its orders is repeated
 * `eventCopies` times, shifted by a week each. 48 x 3 copies: 1,131,360 customers and
 * 10,030,896 `Order Completed` events. One NDJSON line per event, as a client would send
 * an export: type, userId, event, properties {total, quantity}, timestamp, messageId; or
 * the same as CSV rows under a header (userId, event, timestamp, messageId, total, quantity).
 */
export async function writeScaledCdnow(
  path: string,
  customerCopies: number,
  eventCopies: number,
  format: ImportFormat = 'ndjson',
): Promise<{ lines: number; customers: number; bytes: number }> {
  const orders = readCdnow(Number.MAX_SAFE_INTEGER);
  const out = createWriteStream(path);
  let lines = 0;
  let piece = format === 'csv' ? 'userId,event,timestamp,messageId,total,quantity\n' : '';
  const customers = new Set<string>();
  for (let k = 0; k < customerCopies; k++) {
    for (const o of orders) {
      const userId = String(Number(o.customer) + k * 100_000);
      if (k === 0) customers.add(o.customer);
      for (let s = 0; s < eventCopies; s++) {
        const ts = new Date(o.ts + s * 7 * 86_400_000).toISOString();
        const messageId = `cdnow-${k}-${s}-${o.line}`;
        piece +=
          format === 'csv'
            ? `${userId},Order Completed,${ts},${messageId},${o.total},${o.quantity}\n`
            : `{"type":"track","userId":"${userId}","event":"Order Completed","properties":{"total":${o.total},"quantity":${o.quantity}},"timestamp":"${ts}","messageId":"${messageId}"}\n`;
        lines += 1;
        if (piece.length >= 1 << 20) {
          if (!out.write(piece)) await once(out, 'drain');
          piece = '';
        }
      }
    }
  }
  out.end(piece);
  await once(out, 'finish');
  return { lines, customers: customers.size * customerCopies, bytes: (await stat(path)).size };
}

export type ImportFormat = 'ndjson' | 'csv';

/** POSTs a file as the body of an import (streamed, with its Content-Length). */
export async function postImportFile(
  url: string,
  apiKey: string,
  path: string,
  format: ImportFormat = 'ndjson',
): Promise<{ status: number; body: string }> {
  const size = (await stat(path)).size;
  const target = new URL('/api/imports', url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': format === 'csv' ? 'text/csv' : 'application/x-ndjson',
          'content-length': size,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    createReadStream(path, { highWaterMark: 1 << 20 }).pipe(req);
  });
}
