// The one home of Kinesis Data Streams numbers (KIN-1..13): write, read and request limits, record sizes,
// retention, iterator expiry, shard counts and enhanced fan-out. The stream node and the sandbox client
// both read them from here.

export const MiB = 1024 * 1024;
export const HOUR_MS = 3_600_000;

/** KIN-4: per-shard write limit, bytes per second (partition key bytes counted). */
export const WRITE_BYTES_PER_S = MiB;
/** KIN-4: per-shard write limit, records per second. */
export const WRITE_RECORDS_PER_S = 1000;
/** KIN-7: per-shard read limit shared by polling consumers, bytes per second. */
export const READ_BYTES_PER_S = 2 * MiB;
/** KIN-7: GetRecords calls per second per shard. */
export const READ_CALLS_PER_S = 5;
/** KIN-7: most records one GetRecords returns (a larger Limit is an InvalidArgumentException). */
export const MAX_GET_RECORDS = 10_000;
/** KIN-7: most bytes one GetRecords returns. */
export const MAX_GET_BYTES = 10 * MiB;
/** KIN-5: entries per PutRecords request. */
export const MAX_PUT_RECORDS = 500;
/** KIN-5: bytes per PutRecords request (unverified in the large-record era). */
export const MAX_PUT_RECORDS_BYTES = 5 * MiB;
/** KIN-6: default MaxRecordSizeInKiB (1 MiB), data plus partition key. */
export const DEFAULT_MAX_RECORD_SIZE_KIB = 1024;
/** KIN-6: the largest MaxRecordSizeInKiB a stream may be raised to (10 MiB). */
export const MAX_RECORD_SIZE_KIB = 10_240;
/** KIN-1: partition key length in Unicode characters. */
export const MIN_PARTITION_KEY_CHARS = 1;
export const MAX_PARTITION_KEY_CHARS = 256;
/** KIN-10: retention, default and bounds in hours. */
export const DEFAULT_RETENTION_HOURS = 24;
export const MIN_RETENTION_HOURS = 24;
export const MAX_RETENTION_HOURS = 8760;
/** KIN-9: an iterator expires 5 minutes after it is issued. */
export const ITERATOR_TTL_MS = 5 * 60 * 1000;
/** Open shards a stream may have (the default account shard quota in us-east-1); CreateStream's bound too. */
export const MAX_SHARDS = 500;
/** KIN-12 [sim]: an on-demand stream starts with 4 shards (about 4 MiB/s of write capacity). */
export const ON_DEMAND_SHARDS = 4;
/** KIN-11 [sim]: how long a reshard keeps the stream UPDATING (AWS takes seconds to minutes). */
export const RESHARD_MS = 2_000;
/** KIN-13: dedicated read throughput per consumer per shard, bytes per second. */
export const EFO_BYTES_PER_S = 2 * MiB;
/** KIN-13: a subscription lasts 5 minutes (unverified: 5 min). */
export const EFO_SUBSCRIPTION_MS = 5 * 60 * 1000;
/** KIN-13: a consumer may resubscribe to a shard 5 s after its last call. */
export const EFO_RESUBSCRIBE_MS = 5_000;
/** KIN-13: registered consumers per stream. */
export const EFO_MAX_CONSUMERS = 20;
/** KIN-13 [sim]: an EFO subscription pushes one event per simulated second. */
export const EFO_PUSH_INTERVAL_MS = 1000;
