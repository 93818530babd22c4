// The one home of the Lambda event source mappings' numbers (ESM-SQS-*, ESM-KIN-*): batch sizes, windows,
// retries, concurrency and the SQS poller scaling. The mappings and the scenario schema read them. Each carries
// the SEMANTICS rule it comes from.

/** ESM-SQS-1: BatchSize up to 10,000 (standard queues; 10 for FIFO); ESM-KIN-1 likewise up to 10,000. */
export const BATCH_SIZE = { min: 1, max: 10_000 } as const;
/** ESM-SQS-1: MaximumBatchingWindowInSeconds 0–300 (unverified upper bound). */
export const BATCHING_WINDOW_S = { min: 0, max: 300 } as const;
/** ESM-KIN-1: ParallelizationFactor 1–10 batches per shard. */
export const PARALLELIZATION_FACTOR = { min: 1, max: 10 } as const;
/** ESM-KIN-3: MaximumRetryAttempts −1 (until the record expires) to 10,000. */
export const MAXIMUM_RETRY_ATTEMPTS = { min: -1, max: 10_000 } as const;
/** ESM-KIN-3: MaximumRecordAgeInSeconds −1 (no limit) or 60–604,800. */
export const MAXIMUM_RECORD_AGE_S = { min: 60, max: 604_800 } as const;
/** The function's timeout: 1–900 s, default 3. */
export const FUNCTION_TIMEOUT_S = { min: 1, max: 900, default: 3 } as const;
/** ESM-SQS-5: ScalingConfig.MaximumConcurrency 2–1,000. */
export const MAXIMUM_CONCURRENCY = { min: 2, max: 1000 } as const;
/** The function's reserved concurrency 0–1,000 (a cap that throttles instead of scaling, ESM-SQS-5). */
export const RESERVED_CONCURRENCY = { min: 0, max: 1000 } as const;

/** ESM-SQS-5: starting pollers, the most added per minute, and the ceiling. */
export const ESM_INITIAL_POLLERS = 5;
export const ESM_SCALE_UP_PER_MINUTE = 300;
export const ESM_MAX_POLLERS = 1000;
/** [sim] Lambda's own round trip to SQS. */
export const POLL_LATENCY_MS = 10;
