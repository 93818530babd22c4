// The one home of SQS's numbers: attribute ranges, per-request limits, windows and quotas. The queue node,
// the scenario schema and the sandbox's attribute parser all read them from here. Each carries the
// SEMANTICS rule it comes from.

/** An inclusive integer range. */
export interface Range {
	readonly min: number;
	readonly max: number;
}

// Queue attributes ----------------------------------------------------------------------------------------

/** SQS-STD-4/-5: VisibilityTimeout 0–43,200 s (12 h); a message's total in-flight time is capped at the same. */
export const VISIBILITY_TIMEOUT_S: Range = { min: 0, max: 43_200 };
/** SQS-STD-8: DelaySeconds 0–900 s, on the queue and per message. */
export const DELAY_SECONDS: Range = { min: 0, max: 900 };
/** SQS-STD-9: MessageRetentionPeriod 60 s – 14 days. */
export const RETENTION_PERIOD_S: Range = { min: 60, max: 1_209_600 };
/** SQS-STD-10: MaximumMessageSize 1 KiB – 1 MiB. */
export const MAXIMUM_MESSAGE_SIZE_BYTES: Range = { min: 1024, max: 1_048_576 };
/** SQS-STD-2: ReceiveMessageWaitTimeSeconds / WaitTimeSeconds 0–20 s. */
export const WAIT_TIME_S: Range = { min: 0, max: 20 };
/** SQS-DLQ-1: a redrive policy's maxReceiveCount 1–1000. */
export const MAX_RECEIVE_COUNT: Range = { min: 1, max: 1000 };

// Requests ------------------------------------------------------------------------------------------------

/** SQS-STD-10: a batch's total size is capped at 1 MiB, whatever the queue's MaximumMessageSize. */
export const MAX_BATCH_BYTES = 1_048_576;
/** SQS-STD-3 / SQS-STD-4: a batch holds 1–10 entries; ReceiveMessage returns up to 10 messages. */
export const MAX_BATCH_ENTRIES = 10;
export const MAX_NUMBER_OF_MESSAGES: Range = { min: 1, max: 10 };
/** SQS-STD-3: a batch entry id is 1–80 characters. */
export const BATCH_ENTRY_ID_MAX_LENGTH = 80;
/** SQS-FIFO-2/-3/-8: MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId are 1–128 characters. */
export const FIFO_ID_MAX_LENGTH = 128;

// Windows and quotas --------------------------------------------------------------------------------------

/** SQS-FIFO-3: the deduplication window. */
export const DEDUP_WINDOW_MS = 5 * 60 * 1000;
/** SQS-FIFO-8: how long a ReceiveRequestAttemptId can be retried. */
export const ATTEMPT_WINDOW_MS = 5 * 60 * 1000;
/** SQS-STD-11: messages in flight per standard queue. */
export const MAX_IN_FLIGHT_STANDARD = 120_000;
/** SQS-STD-11: messages in flight per FIFO queue (AWS quotas page, 2025; the old 20,000 is stale). Past it, FIFO
 * receives return nothing, with no error. */
export const MAX_IN_FLIGHT_FIFO = 120_000;
/** SQS-STD-11: FIFO receives scan the first 120,000 messages to find available groups. */
export const FIFO_RECEIVE_SCAN = 120_000;
/** SQS-FIFO-9: transactions per second per API action (per partition in high-throughput mode). */
export const FIFO_TPS = 300;
/** SQS-FIFO-9: ~70,000 TPS / 300 TPS per partition (unverified). */
export const FIFO_HIGH_THROUGHPUT_PARTITIONS = 234;
/** One PurgeQueue per queue every 60 s. */
export const PURGE_COOLDOWN_MS = 60_000;
/** SQS-DLQ-4: a message move task's MaxNumberOfMessagesPerSecond is 1–500. */
export const MOVE_TASK_RATE: Range = { min: 1, max: 500 };
/** SQS-DLQ-4 [sim]: with no rate given, SQS picks one from the backlog: min(500, max(10, backlog)) per second. */
export const MOVE_TASK_DEFAULT_MIN_RATE = 10;

// Defaults ------------------------------------------------------------------------------------------------

/** The attribute values a queue gets when none is given (SQS-STD-2/-4/-8/-9/-10). */
export const QUEUE_DEFAULTS = {
	VisibilityTimeout: 30, // SQS-STD-4
	DelaySeconds: 0, // SQS-STD-8
	MessageRetentionPeriod: 345_600, // SQS-STD-9: 4 days
	MaximumMessageSize: 1_048_576, // SQS-STD-10: new queues default to 1 MiB since August 2025 (recorded)
	ReceiveMessageWaitTimeSeconds: 0 // SQS-STD-2
} as const;
