// The one home of SNS's numbers: message size, PublishBatch, message attributes, filter policies and
// delivery retries. Each carries the SEMANTICS rule it comes from.

// Messages ------------------------------------------------------------------------------------------------

/** SNS-TOP-4: a message (body plus attributes) may be at most 256 KiB (unverified whether raised in 2025). */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** SNS-TOP-4: PublishBatch takes up to 10 entries, under the same 256 KiB cap in total. */
export const MAX_PUBLISH_BATCH_ENTRIES = 10;

/** SNS-API-1: a PublishBatch entry id is at most 80 letters, digits, - and _. */
export const MAX_BATCH_ENTRY_ID_LENGTH = 80;

/** SNS-API-1: a message attribute name is at most 256 bytes. */
export const MAX_ATTRIBUTE_NAME_BYTES = 256;

// Filter policies (SNS-FP-6, SNS-FP-17) -----------------------------------------------------------------

/** SNS-FP-17: at most 5 keys per filter policy. */
export const FILTER_POLICY_MAX_KEYS = 5;
/** SNS-FP-17: at most 150 combinations of values. */
export const FILTER_POLICY_MAX_COMBINATIONS = 150;
/** SNS-FP-17: a filter policy may be at most 256 KiB. */
export const FILTER_POLICY_MAX_BYTES = 256 * 1024;
/** SNS-FP-6: numeric matching works between −10^9 and 10^9. */
export const FILTER_POLICY_NUMERIC_LIMIT = 1e9;
/** [sim] expansion guard for `$or`; far above what FILTER_POLICY_MAX_COMBINATIONS allows. */
export const FILTER_POLICY_MAX_ALTERNATIVES = 1000;

// Delivery retries (SNS-RETRY-4) and FIFO (SNS-FIFO-2) -------------------------------------------------------

/** SNS-RETRY-4: the limits of an HTTP/S DeliveryPolicy (healthyRetryPolicy and throttlePolicy). */
export const HTTP_POLICY_LIMITS = Object.freeze({
	/** numRetries is at most 100 (and so is each phase count). */
	maxRetries: 100,
	/** minDelayTarget is at least 1 s. */
	minDelaySeconds: 1,
	/** maxDelayTarget is at most 3,600 s. */
	maxDelaySeconds: 3_600,
	/** All retries of one message must fit within 3,600 s: a hard cap. */
	maxTotalRetrySeconds: 3_600,
	/** throttlePolicy.maxReceivesPerSecond is 1 or more. */
	minReceivesPerSecond: 1
});

/** SNS-RETRY-1 [sim]: seeded jitter moves every non-zero retry delay by up to ±10 %. */
export const RETRY_JITTER_FRACTION = 0.1;

/** SNS-FIFO-2: the deduplication window of a FIFO topic. */
export const FIFO_DEDUP_WINDOW_MS = 5 * 60 * 1000;
