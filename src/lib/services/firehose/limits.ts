// The one home of Firehose's numbers: buffering hints, record and batch sizes, delivery retries. The delivery
// stream, the sandbox's client and the scenario schema read them. Each carries the SEMANTICS rule it comes from.

/** FH-1: BufferingHints.SizeInMBs 1–128 MiB (default 5). */
export const BUFFER_SIZE_MIB = { min: 1, max: 128, default: 5 } as const;
/** FH-1: BufferingHints.IntervalInSeconds 0–900 s (default 300). */
export const BUFFER_INTERVAL_S = { min: 0, max: 900, default: 300 } as const;

export const MiB = 1024 * 1024;
/** FH-2: a record is at most 1,000 KiB. */
export const MAX_RECORD_BYTES = 1000 * 1024;
/** FH-2 (unverified): PutRecordBatch takes up to 500 records … */
export const MAX_BATCH_RECORDS = 500;
/** FH-2 (unverified): … and 4 MiB. */
export const MAX_BATCH_BYTES = 4 * MiB;
/** [sim] Retry delay after a failed delivery to the destination (FH-4). */
export const DESTINATION_RETRY_MS = 10_000;
export const HOUR_MS = 3_600_000;
/** FH-4: Direct PUT data undeliverable for 24 h is lost (a Kinesis source keeps it for the stream's retention). */
export const DIRECT_PUT_MAX_AGE_MS = 24 * HOUR_MS;
