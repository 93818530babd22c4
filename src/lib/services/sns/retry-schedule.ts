// SNS delivery retry schedules (SNS-RETRY-1..6, SNS-DLQ-2, SNS-TOP-3): the one home of the schedule maths.
// The fixed AWS-managed schedule for SQS, Lambda and Firehose, the fixed customer-managed schedule for
// email, SMS and mobile push, and the four phases of an HTTP/S retry policy (immediate, pre-backoff,
// backoff, post-backoff) with the [sim] backoff curves and optional seeded jitter; then the
// client-versus-server split that decides between retrying, dead-lettering and dropping. A schedule is
// data; `retryDelayMs(schedule, k)` gives the delay before retry k. Times are milliseconds. No clock and no
// Math.random: callers pass a seeded stream. Parsing and validating DeliveryPolicy JSON, and picking the
// schedule of a subscription, live in retry-policy.ts.

import { powPositive } from '../../engine/math';
import { HTTP_TIMEOUT_MS } from './endpoint';
import { RETRY_JITTER_FRACTION } from './limits';
import type { BackoffFunction, RetryPolicy } from './retry-policy';
import type { SnsProtocol } from './topic-types';

export type Phase =
	| { kind: 'fixed'; count: number; delayMs: number }
	| { kind: 'backoff'; count: number; minMs: number; maxMs: number; fn: BackoffFunction };

export interface RetrySchedule {
	phases: readonly Phase[];
	/** SNS-RETRY-4: throttlePolicy.maxReceivesPerSecond. */
	maxReceivesPerSecond?: number;
}

/** A seeded stream of numbers in [0, 1), such as the engine's `Random`. */
export interface JitterSource {
	next(): number;
}

function frozen(phases: Phase[]): RetrySchedule {
	return Object.freeze({ phases: Object.freeze(phases.map((p) => Object.freeze(p))) });
}

/**
 * SNS-RETRY-2: AWS-managed endpoints (SQS, Lambda, Firehose except when it throttles). 3 immediate, 2 at
 * 1 s, 10 backing off exponentially 1→20 s, 100,000 at 20 s: 100,015 retries over about 23 days. (AWS's
 * table calls them "100,015 attempts"; here they are retries after the initial attempt.) Not changeable.
 */
export const AWS_MANAGED_SCHEDULE: RetrySchedule = frozen([
	{ kind: 'fixed', count: 3, delayMs: 0 },
	{ kind: 'fixed', count: 2, delayMs: 1_000 },
	{ kind: 'backoff', count: 10, minMs: 1_000, maxMs: 20_000, fn: 'exponential' },
	{ kind: 'fixed', count: 100_000, delayMs: 20_000 }
]);

/**
 * SNS-RETRY-3: customer-managed, non-HTTP endpoints (email/SMTP, SMS, mobile push) and Firehose when it
 * throttles (SNS-RETRY-2). 0 immediate, 2 at 10 s, 10 backing off exponentially 10→600 s, 38 at 600 s:
 * 50 retries over about 6 hours. Not changeable.
 */
export const CUSTOMER_MANAGED_SCHEDULE: RetrySchedule = frozen([
	{ kind: 'fixed', count: 2, delayMs: 10_000 },
	{ kind: 'backoff', count: 10, minMs: 10_000, maxMs: 600_000, fn: 'exponential' },
	{ kind: 'fixed', count: 38, delayMs: 600_000 }
]);

/** How an endpoint's retries are governed: fixed by AWS, or the HTTP/S policy. */
export type EndpointClass = 'aws-managed' | 'customer-managed' | 'http';

/** SNS-RETRY-2..4: the class of a protocol's endpoint. Firehose is AWS-managed except when it throttles. */
export function endpointClass(protocol: SnsProtocol, options: { throttled?: boolean } = {}): EndpointClass {
	switch (protocol) {
		case 'sqs':
		case 'lambda':
			return 'aws-managed'; // SNS-RETRY-2
		case 'firehose':
			return options.throttled ? 'customer-managed' : 'aws-managed'; // SNS-RETRY-2 footnote
		case 'http':
		case 'https':
			return 'http'; // SNS-RETRY-4
		case 'email':
		case 'email-json':
		case 'sms':
		case 'application':
			return 'customer-managed'; // SNS-RETRY-3
		default: {
			const never: never = protocol;
			throw new RangeError(`unknown SNS protocol ${String(never)}`);
		}
	}
}

/**
 * SNS-RETRY-6 [sim]: the delay of backoff step k of n, rising from min (k = 0) to max (k = n − 1) with
 * t = k/(n−1). AWS only shows a chart, so the curves are approximations: linear min+(max−min)·t; arithmetic
 * min+(max−min)·t²; geometric min·(max/min)^t; exponential min+(max−min)·(2^(6t)−1)/63. A backoff phase of
 * a single retry uses min. Unit-free: ms in, ms out.
 */
export function backoffDelay(
	fn: BackoffFunction,
	minMs: number,
	maxMs: number,
	k: number,
	n: number
): number {
	const t = n <= 1 ? 0 : k / (n - 1);
	switch (fn) {
		case 'linear':
			return minMs + (maxMs - minMs) * t;
		case 'arithmetic':
			return minMs + (maxMs - minMs) * t * t;
		case 'geometric':
			return minMs * powPositive(maxMs / minMs, t);
		case 'exponential':
			return minMs + ((maxMs - minMs) * (powPositive(2, 6 * t) - 1)) / 63;
	}
}

/**
 * SNS-RETRY-1, -4, -6: the delay in ms before retry `k` (0-based: k = 0 follows the initial attempt), or
 * undefined when the schedule is used up. With `jitter`, a non-zero delay draws once for its seeded ±10 %;
 * a zero delay never draws.
 */
export function retryDelayMs(schedule: RetrySchedule, k: number, jitter?: JitterSource): number | undefined {
	if (!Number.isInteger(k) || k < 0) {
		throw new RangeError(`retry index must be a non-negative integer, got ${k}`);
	}
	let i = k;
	for (const p of schedule.phases) {
		if (i < p.count) {
			const base = p.kind === 'fixed' ? p.delayMs : backoffDelay(p.fn, p.minMs, p.maxMs, i, p.count);
			// SNS-RETRY-1 [sim]: seeded ±10 % jitter.
			const factor =
				jitter && base > 0 ? 1 - RETRY_JITTER_FRACTION + 2 * RETRY_JITTER_FRACTION * jitter.next() : 1;
			return Math.round(base * factor);
		}
		i -= p.count;
	}
	return undefined;
}

export type RetryPhaseName = 'immediate' | 'pre-backoff' | 'backoff' | 'post-backoff';

/**
 * SNS-RETRY-2/-4: which phase retry `k` (0-based) belongs to — immediate, pre-backoff, backoff or post-backoff —
 * and its place in it, for the stage and the inspector. Undefined when the schedule is used up.
 */
export function retryPhase(
	schedule: RetrySchedule,
	k: number
): { name: RetryPhaseName; index: number; of: number; phases: number } | undefined {
	let i = k;
	const backoffAt = schedule.phases.findIndex((p) => p.kind === 'backoff');
	for (const [n, p] of schedule.phases.entries()) {
		if (i < p.count) {
			const name =
				p.kind === 'backoff'
					? 'backoff'
					: p.delayMs === 0
						? 'immediate'
						: backoffAt >= 0 && n > backoffAt
							? 'post-backoff'
							: 'pre-backoff';
			return { name, index: i + 1, of: p.count, phases: schedule.phases.length };
		}
		i -= p.count;
	}
	return undefined;
}

/** Total retries a schedule allows (the initial attempt is not a retry). */
export function retryCount(schedule: RetrySchedule): number {
	return schedule.phases.reduce((n, p) => n + p.count, 0);
}

/** SNS-RETRY-4: the sum of all retry delays without jitter, in ms (what the 3,600 s cap limits). */
export function totalRetryTimeMs(schedule: RetrySchedule): number {
	let total = 0;
	for (let k = 0; k < retryCount(schedule); k++) total += retryDelayMs(schedule, k) ?? 0;
	return total;
}

/**
 * SNS-RETRY-4: the four phases of an HTTP/S retry policy, leaving out empty ones: numNoDelayRetries
 * immediate, numMinDelayRetries at minDelayTarget, the rest backing off from min to max, numMaxDelayRetries
 * at maxDelayTarget. The policy's delays are seconds; the schedule's are ms. Expects a validated policy.
 */
export function httpSchedule(p: Readonly<RetryPolicy>, maxReceivesPerSecond?: number): RetrySchedule {
	const backoff = p.numRetries - p.numNoDelayRetries - p.numMinDelayRetries - p.numMaxDelayRetries;
	const phases: Phase[] = [];
	if (p.numNoDelayRetries > 0) phases.push({ kind: 'fixed', count: p.numNoDelayRetries, delayMs: 0 });
	if (p.numMinDelayRetries > 0) {
		phases.push({ kind: 'fixed', count: p.numMinDelayRetries, delayMs: p.minDelayTarget * 1000 });
	}
	if (backoff > 0) {
		phases.push({
			kind: 'backoff',
			count: backoff,
			minMs: p.minDelayTarget * 1000,
			maxMs: p.maxDelayTarget * 1000,
			fn: p.backoffFunction
		});
	}
	if (p.numMaxDelayRetries > 0) {
		phases.push({ kind: 'fixed', count: p.numMaxDelayRetries, delayMs: p.maxDelayTarget * 1000 });
	}
	return { phases, ...(maxReceivesPerSecond !== undefined ? { maxReceivesPerSecond } : {}) };
}

/**
 * SNS-RETRY-5: when the next attempt starts. The delay runs from the end of the failed attempt, and an
 * attempt with no response ends at the 15 s timeout (SNS-TOP-3): with a 20 s delay, the retry starts 35 s
 * after the start of the attempt that timed out. `responseMs` is how long the endpoint took to fail;
 * null = no answer.
 */
export function nextAttemptAtMs(attemptStartMs: number, delayMs: number, responseMs: number | null): number {
	const took = responseMs === null ? HTTP_TIMEOUT_MS : Math.min(Math.max(responseMs, 0), HTTP_TIMEOUT_MS);
	return attemptStartMs + took + delayMs;
}

// ---------------------------------------------------------------------------------------------------------
// Failure classes and the DLQ decision (SNS-RETRY-1, SNS-RETRY-5, SNS-DLQ-2, SNS-TOP-3)

/** Server-side failures are retried; client-side failures never are. */
export type FailureClass = 'client' | 'server';
export type HttpStatusClass = 'success' | FailureClass;

/**
 * SNS-TOP-3, SNS-RETRY-5: classify an HTTP/S response status. 2xx succeeds. 100–101 and 500–599 are
 * server-side (retried). 400–499 are permanent client-side failures (no retry, straight to the DLQ), except
 * 429, whose treatment AWS does not document: by default it counts as throttling, which SNS-RETRY-1 retries
 * (unverified; `retry429: false` makes it a client error). [sim] Any other status (102–199, 3xx, 600+) is
 * not a 2xx and not on AWS's retry list, so it is a client-side failure.
 */
export function classifyHttpStatus(status: number, options: { retry429?: boolean } = {}): HttpStatusClass {
	if (!Number.isInteger(status)) throw new RangeError(`HTTP status must be an integer, got ${status}`);
	if (status >= 200 && status <= 299) return 'success';
	if (status === 100 || status === 101) return 'server';
	if (status >= 500 && status <= 599) return 'server';
	if (status === 429) return options.retry429 === false ? 'client' : 'server';
	return 'client';
}

/** Ways a delivery can fail other than with an HTTP status. */
export type DeliveryErrorKind =
	/** SNS-RETRY-5: no response within 15 s (HTTP/S). */
	| 'timeout'
	/** SNS-RETRY-5: connection refused or reset, DNS failure, TLS/certificate error. */
	| 'connection'
	/** SNS-RETRY-1: the endpoint is unavailable (an AWS-managed service failing on its side). */
	| 'unavailable'
	/** SNS-RETRY-1: the endpoint throttles SNS (Firehose: then the customer-managed schedule applies). */
	| 'throttled'
	/** SNS-DLQ-2: the queue, function or stream no longer exists. */
	| 'endpoint-deleted'
	/** SNS-DLQ-2: permissions removed: queue/function/key policy no longer lets SNS in. */
	| 'permission-denied'
	/** SNS-DLQ-2: KMS failure (key disabled, missing or not usable by SNS). */
	| 'kms'
	/** SNS-ENV-2: the endpoint rejects the message, e.g. raw delivery of > 10 attributes to SQS (unverified). */
	| 'rejected-message';

/** SNS-RETRY-1, SNS-RETRY-5, SNS-DLQ-2: which side a non-HTTP-status failure is on. */
export function classifyDeliveryError(kind: DeliveryErrorKind): FailureClass {
	switch (kind) {
		case 'timeout':
		case 'connection':
		case 'unavailable':
		case 'throttled':
			return 'server';
		case 'endpoint-deleted':
		case 'permission-denied':
		case 'kms':
		case 'rejected-message':
			return 'client';
		default: {
			const never: never = kind;
			throw new RangeError(`unknown delivery error ${String(never)}`);
		}
	}
}

export type AfterFailure =
	{ action: 'retry'; delayMs: number } | { action: 'dead-letter' } | { action: 'drop' };

/**
 * SNS-RETRY-1, SNS-DLQ-2: what happens after a failed attempt. A client-side failure goes to the DLQ at once,
 * without retries; a server-side one is retried while the schedule lasts, then goes to the DLQ. Without a
 * DLQ the message is dropped (an unreachable DLQ is the caller's business: drop as well).
 * `retriesDone` counts the retries already made (0 after the initial attempt).
 */
export function afterFailedAttempt(
	failure: FailureClass,
	retriesDone: number,
	schedule: RetrySchedule,
	hasDeadLetterQueue: boolean,
	jitter?: JitterSource
): AfterFailure {
	if (failure === 'server') {
		const delayMs = retryDelayMs(schedule, retriesDone, jitter);
		if (delayMs !== undefined) return { action: 'retry', delayMs };
	}
	return hasDeadLetterQueue ? { action: 'dead-letter' } : { action: 'drop' };
}
