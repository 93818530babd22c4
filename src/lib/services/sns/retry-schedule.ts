// SNS delivery retry schedules (SNS-RETRY-2..6): the fixed AWS-managed schedule for SQS, Lambda and
// Firehose, the fixed customer-managed schedule for email, SMS and mobile push, and the four-phase HTTP/S
// policy a user can set. A schedule is data; `retryDelayMs(schedule, k)` gives the delay before retry k.

import type { Random } from '../../engine/random';
import { awsError } from '../shared/errors';
import { powPositive } from '../../engine/math';
import { HTTP_MAX_RETRIES, HTTP_MAX_TOTAL_RETRY_SECONDS } from './limits';

export type BackoffFunction = 'linear' | 'arithmetic' | 'geometric' | 'exponential';

export type Phase =
	| { kind: 'fixed'; count: number; delayMs: number }
	| { kind: 'backoff'; count: number; minMs: number; maxMs: number; fn: BackoffFunction };

export interface RetrySchedule {
	phases: Phase[];
	/** SNS-RETRY-4: throttlePolicy.maxReceivesPerSecond. */
	maxReceivesPerSecond?: number;
}

export interface HealthyRetryPolicy {
	minDelayTarget: number;
	maxDelayTarget: number;
	numRetries: number;
	numNoDelayRetries: number;
	numMinDelayRetries: number;
	numMaxDelayRetries: number;
	backoffFunction: BackoffFunction;
}

/** SNS-RETRY-2: 3 immediate, 2 at 1 s, 10 backing off 1→20 s, 100,000 at 20 s (100,015 attempts, ~23 days). */
export const AWS_MANAGED_SCHEDULE: RetrySchedule = {
	phases: [
		{ kind: 'fixed', count: 3, delayMs: 0 },
		{ kind: 'fixed', count: 2, delayMs: 1_000 },
		{ kind: 'backoff', count: 10, minMs: 1_000, maxMs: 20_000, fn: 'exponential' },
		{ kind: 'fixed', count: 100_000, delayMs: 20_000 }
	]
};

/** SNS-RETRY-3: 0 immediate, 2 at 10 s, 10 backing off 10→600 s, 38 at 600 s (50 attempts, ~6 h). */
export const CUSTOMER_MANAGED_SCHEDULE: RetrySchedule = {
	phases: [
		{ kind: 'fixed', count: 2, delayMs: 10_000 },
		{ kind: 'backoff', count: 10, minMs: 10_000, maxMs: 600_000, fn: 'exponential' },
		{ kind: 'fixed', count: 38, delayMs: 600_000 }
	]
};

/** SNS-RETRY-4 defaults: 3 retries, 20 s apart, linear. */
export const DEFAULT_HTTP_POLICY: HealthyRetryPolicy = {
	minDelayTarget: 20,
	maxDelayTarget: 20,
	numRetries: 3,
	numNoDelayRetries: 0,
	numMinDelayRetries: 0,
	numMaxDelayRetries: 0,
	backoffFunction: 'linear'
};

const MAX_TOTAL_RETRY_S = HTTP_MAX_TOTAL_RETRY_SECONDS; // SNS-RETRY-4: a hard cap

/** SNS-RETRY-6 [sim]: the delay of backoff step k of n, rising from min to max (AWS shows only a chart). */
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

/** The delay before retry `k` (0-based), or undefined when the schedule is used up. */
export function retryDelayMs(schedule: RetrySchedule, k: number, jitter?: Random): number | undefined {
	let i = k;
	for (const p of schedule.phases) {
		if (i < p.count) {
			const base = p.kind === 'fixed' ? p.delayMs : backoffDelay(p.fn, p.minMs, p.maxMs, i, p.count);
			// SNS-RETRY-1 [sim]: seeded ±10 % jitter.
			const factor = jitter && base > 0 ? 0.9 + 0.2 * jitter.next() : 1;
			return Math.round(base * factor);
		}
		i -= p.count;
	}
	return undefined;
}

/** Total retries a schedule allows. */
/**
 * SNS-RETRY-2/-4: which phase retry `k` (0-based) belongs to — immediate, pre-backoff, backoff or post-backoff —
 * and its place in it, for the stage and the inspector. Undefined when the schedule is used up.
 */
export function retryPhase(
	schedule: RetrySchedule,
	k: number
):
	| {
			name: 'immediate' | 'pre-backoff' | 'backoff' | 'post-backoff';
			index: number;
			of: number;
			phases: number;
	  }
	| undefined {
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

export function retryCount(schedule: RetrySchedule): number {
	return schedule.phases.reduce((n, p) => n + p.count, 0);
}

function invalid(message: string): Error {
	return awsError('InvalidParameterException', `Invalid parameter: DeliveryPolicy: ${message}`);
}

function intField(
	o: Record<string, unknown>,
	name: string,
	fallback: number,
	min: number,
	max: number
): number {
	const v = o[name];
	if (v === undefined) return fallback;
	if (typeof v !== 'number' || !Number.isInteger(v)) throw invalid(`${name} must be an integer`);
	if (v < min || v > max) throw invalid(`${name} must be between ${min} and ${max}`);
	return v;
}

/** SNS-RETRY-4: validate a healthyRetryPolicy object and fill in defaults. */
export function parseHealthyRetryPolicy(raw: unknown): HealthyRetryPolicy {
	if (raw === undefined || raw === null) return { ...DEFAULT_HTTP_POLICY };
	if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('healthyRetryPolicy must be an object');
	const o = raw as Record<string, unknown>;
	const numRetries = intField(o, 'numRetries', DEFAULT_HTTP_POLICY.numRetries, 0, HTTP_MAX_RETRIES);
	const minDelayTarget = intField(
		o,
		'minDelayTarget',
		DEFAULT_HTTP_POLICY.minDelayTarget,
		1,
		MAX_TOTAL_RETRY_S
	);
	const maxDelayTarget = intField(
		o,
		'maxDelayTarget',
		Math.max(minDelayTarget, DEFAULT_HTTP_POLICY.maxDelayTarget),
		1,
		MAX_TOTAL_RETRY_S
	);
	if (minDelayTarget > maxDelayTarget)
		throw invalid('minDelayTarget must be less than or equal to maxDelayTarget');
	const numNoDelayRetries = intField(o, 'numNoDelayRetries', 0, 0, HTTP_MAX_RETRIES);
	const numMinDelayRetries = intField(o, 'numMinDelayRetries', 0, 0, HTTP_MAX_RETRIES);
	const numMaxDelayRetries = intField(o, 'numMaxDelayRetries', 0, 0, HTTP_MAX_RETRIES);
	if (numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries > numRetries) {
		throw invalid('numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must not exceed numRetries');
	}
	const fn = o.backoffFunction ?? 'linear';
	if (fn !== 'linear' && fn !== 'arithmetic' && fn !== 'geometric' && fn !== 'exponential') {
		throw invalid('backoffFunction must be one of linear, arithmetic, geometric, exponential');
	}
	const policy: HealthyRetryPolicy = {
		minDelayTarget,
		maxDelayTarget,
		numRetries,
		numNoDelayRetries,
		numMinDelayRetries,
		numMaxDelayRetries,
		backoffFunction: fn
	};
	const total = (retryTotalMs(httpSchedule(policy)) ?? 0) / 1000;
	if (total > MAX_TOTAL_RETRY_S) {
		throw invalid(
			`the retries take ${Math.round(total)} s; all retries must fit within ${MAX_TOTAL_RETRY_S} s`
		);
	}
	return policy;
}

/** SNS-RETRY-4: the four phases of an HTTP/S policy. */
export function httpSchedule(p: HealthyRetryPolicy, maxReceivesPerSecond?: number): RetrySchedule {
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

function retryTotalMs(s: RetrySchedule): number | undefined {
	let total = 0;
	for (let k = 0; k < retryCount(s); k++) total += retryDelayMs(s, k) ?? 0;
	return total;
}

function parseJson(text: string): Record<string, unknown> {
	let v: unknown;
	try {
		v = JSON.parse(text);
	} catch {
		throw invalid('not a valid JSON document');
	}
	if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalid('must be a JSON object');
	return v as Record<string, unknown>;
}

/** A subscription-level policy: {"healthyRetryPolicy": …, "throttlePolicy": {"maxReceivesPerSecond": n}}. */
function parseSubscriptionPolicy(text: string): {
	retry?: HealthyRetryPolicy;
	maxReceivesPerSecond?: number;
} {
	const o = parseJson(text);
	const out: { retry?: HealthyRetryPolicy; maxReceivesPerSecond?: number } = {};
	if (o.healthyRetryPolicy !== undefined) out.retry = parseHealthyRetryPolicy(o.healthyRetryPolicy);
	const throttle = o.throttlePolicy as Record<string, unknown> | undefined;
	if (throttle !== undefined) {
		if (typeof throttle !== 'object' || throttle === null) throw invalid('throttlePolicy must be an object');
		const n = throttle.maxReceivesPerSecond;
		if (n !== undefined) {
			if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
				throw invalid('maxReceivesPerSecond must be a positive integer');
			}
			out.maxReceivesPerSecond = n;
		}
	}
	return out;
}

const cache = new Map<string, RetrySchedule>();

/**
 * The schedule for a subscription: AWS-managed for sqs/lambda/firehose (SNS-RETRY-2), customer-managed
 * for email/sms/application (SNS-RETRY-3), and for http/https the subscription's policy, else the topic's
 * {"http": {"defaultHealthyRetryPolicy"…}}, else the defaults (SNS-RETRY-4). Throws InvalidParameterException
 * on an invalid policy.
 */
export function scheduleFor(
	protocol: string,
	subscriptionPolicy?: string,
	topicPolicy?: string
): RetrySchedule {
	const key = `${protocol}\u0000${subscriptionPolicy ?? ''}\u0000${topicPolicy ?? ''}`;
	const hit = cache.get(key);
	if (hit) return hit;
	let schedule: RetrySchedule;
	if (protocol === 'sqs' || protocol === 'lambda' || protocol === 'firehose') schedule = AWS_MANAGED_SCHEDULE;
	else if (protocol !== 'http' && protocol !== 'https') schedule = CUSTOMER_MANAGED_SCHEDULE;
	else {
		const sub = subscriptionPolicy ? parseSubscriptionPolicy(subscriptionPolicy) : {};
		let topicDefault: HealthyRetryPolicy | undefined;
		let overridesDisabled = false;
		if (topicPolicy) {
			const http = parseJson(topicPolicy).http as Record<string, unknown> | undefined;
			if (http && typeof http === 'object') {
				if (http.defaultHealthyRetryPolicy !== undefined) {
					topicDefault = parseHealthyRetryPolicy(http.defaultHealthyRetryPolicy);
				}
				overridesDisabled = http.disableSubscriptionOverrides === true;
			}
		}
		const policy = (overridesDisabled ? topicDefault : (sub.retry ?? topicDefault)) ?? DEFAULT_HTTP_POLICY;
		schedule = httpSchedule(policy, sub.maxReceivesPerSecond);
	}
	if (cache.size > 1000) cache.clear();
	cache.set(key, schedule);
	return schedule;
}
