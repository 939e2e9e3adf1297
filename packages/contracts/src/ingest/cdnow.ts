import type { TrackMessage } from './segment-spec.schema.js';

/**
 * The CDNOW purchase log (../shared/data/cdnow_master.txt) as Segment track messages, for
 * correctness tests and benchmarks. Each data row is
 * `customer_id date(YYYYMMDD) number_of_cds dollar_value`, separated by whitespace; the
 * first line of the file is a header.
 */
export type CdnowTrackMessage = TrackMessage & {
  type: 'track';
  userId: string;
  event: 'Order Completed';
  messageId: string;
  timestamp: string;
  properties: { total: number; quantity: number };
};

export interface CdnowMappingOptions {
  /** Added to every customer id, to replicate the file into distinct customers. */
  userIdOffset?: number;
  /** Replaces `cdnow` in `<prefix>-<line number>` message ids (for replicated copies). */
  messageIdPrefix?: string;
}

const DATA_ROW = /^\s*(\d+)\s+(\d{4})(\d{2})(\d{2})\s+(\d+)\s+(\d+(?:\.\d+)?)\s*$/;

/** True for a purchase row; false for the header and blank lines. */
export function isCdnowDataLine(line: string): boolean {
  return DATA_ROW.test(line);
}

/**
 * Maps one purchase row to an `Order Completed` event: userId is the customer number
 * without leading zeros, properties `{total, quantity}`, timestamp the day at 00:00 UTC,
 * messageId `cdnow-<lineNumber>` (the 1-based line number in the file, header included).
 * Throws on anything that is not a purchase row.
 */
export function cdnowLineToTrack(
  line: string,
  lineNumber: number,
  options: CdnowMappingOptions = {},
): CdnowTrackMessage {
  const match = DATA_ROW.exec(line);
  if (!match)
    throw new Error(
      `CDNOW line ${lineNumber} is not a purchase row: ${JSON.stringify(line.slice(0, 80))}`,
    );
  const [, id, year, month, day, cds, dollars] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day))
    throw new Error(`CDNOW line ${lineNumber} has an impossible date ${year}${month}${day}`);
  return {
    type: 'track',
    userId: String(Number.parseInt(id, 10) + (options.userIdOffset ?? 0)),
    event: 'Order Completed',
    messageId: `${options.messageIdPrefix ?? 'cdnow'}-${lineNumber}`,
    timestamp: date.toISOString(),
    properties: { total: Number(dollars), quantity: Number.parseInt(cds, 10) },
  };
}
