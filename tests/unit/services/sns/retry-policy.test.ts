// SNS delivery retries (SNS-RETRY-1..6, SNS-DLQ-2, SNS-TOP-3): the fixed schedules per protocol, the HTTP/S
// DeliveryPolicy and its validation (retry-policy.ts), the four phases and the [sim] backoff curves, seeded
// jitter, the 15 s timeout rule and the client-versus-server split behind the DLQ decision
// (retry-schedule.ts), and the simulation's parse path refusing what the validation refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '$lib/engine/random';
import { createSandbox } from '$lib/sandbox';
import { parseScenario } from '$lib/services';
import {
	BACKOFF_FUNCTIONS,
	DEFAULT_DELIVERY_POLICY,
	DEFAULT_HTTP_RETRY_POLICY,
	DeliveryPolicyError,
	effectiveDeliveryPolicy,
	parseDeliveryPolicy,
	parseTopicDeliveryPolicy,
	scheduleFor,
	type BackoffFunction,
	type DeliveryPolicy,
	type RetryPolicy
} from '$lib/services/sns/retry-policy';
import {
	afterFailedAttempt,
	AWS_MANAGED_SCHEDULE,
	backoffDelay,
	classifyDeliveryError,
	classifyHttpStatus,
	CUSTOMER_MANAGED_SCHEDULE,
	endpointClass,
	httpSchedule,
	nextAttemptAtMs,
	retryCount,
	retryDelayMs,
	retryPhase,
	totalRetryTimeMs,
	type JitterSource,
	type RetrySchedule
} from '$lib/services/sns/retry-schedule';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DEFAULT_HTTP_SCHEDULE = httpSchedule(DEFAULT_HTTP_RETRY_POLICY);

function policy(overrides: Partial<RetryPolicy>): RetryPolicy {
	return { ...DEFAULT_HTTP_RETRY_POLICY, ...overrides };
}

function errorOf(fn: () => unknown): Error | undefined {
	try {
		fn();
	} catch (err) {
		return err as Error;
	}
	return undefined;
}

function isNonDecreasing(xs: readonly number[]): boolean {
	return xs.every((x, i) => i === 0 || x >= (xs[i - 1] as number));
}

/** Every delay of a schedule, in order (with `jitter`, one draw per non-zero delay). */
function delaysOf(s: RetrySchedule, jitter?: JitterSource): number[] {
	return Array.from({ length: retryCount(s) }, (_, k) => retryDelayMs(s, k, jitter) as number);
}

/** The delays of a parsed policy's healthyRetryPolicy. */
function httpDelays(p: DeliveryPolicy): number[] {
	return delaysOf(httpSchedule(p.healthyRetryPolicy));
}

/** A constant jitter source that counts its draws. */
function constant(u: number): JitterSource & { draws: number } {
	return {
		draws: 0,
		next() {
			this.draws++;
			return u;
		}
	};
}

/** Split a schedule's delays into the four phases as `retryPhase` names them (for schedules with a backoff phase). */
function byPhase(s: RetrySchedule, delays: readonly number[]) {
	const out = {
		immediate: [] as number[],
		preBackoff: [] as number[],
		backoff: [] as number[],
		postBackoff: [] as number[]
	};
	delays.forEach((d, k) => {
		const name = retryPhase(s, k)?.name;
		if (name === 'immediate') out.immediate.push(d);
		else if (name === 'pre-backoff') out.preBackoff.push(d);
		else if (name === 'backoff') out.backoff.push(d);
		else if (name === 'post-backoff') out.postBackoff.push(d);
	});
	return out;
}

/** Split a policy's delays into the four phases by its counts. */
function byCounts(p: RetryPolicy, delays: readonly number[]) {
	const a = p.numNoDelayRetries;
	const b = a + p.numMinDelayRetries;
	const c = p.numRetries - p.numMaxDelayRetries;
	return {
		immediate: delays.slice(0, a),
		preBackoff: delays.slice(a, b),
		backoff: delays.slice(b, c),
		postBackoff: delays.slice(c)
	};
}

describe('SNS-RETRY-2..4 schedules per protocol', () => {
	it('SNS-RETRY-2: SQS and Lambda get the AWS-managed schedule — 3 immediate, 2 at 1 s, 10 backing off 1→20 s, 100,000 at 20 s', () => {
		for (const protocol of ['sqs', 'lambda'] as const) {
			expect(endpointClass(protocol)).toBe('aws-managed');
			expect(scheduleFor(protocol)).toBe(AWS_MANAGED_SCHEDULE);
		}
		const delays = delaysOf(AWS_MANAGED_SCHEDULE);
		expect(delays).toHaveLength(100_015);
		const phases = byPhase(AWS_MANAGED_SCHEDULE, delays);
		expect(phases.immediate).toEqual([0, 0, 0]);
		expect(phases.preBackoff).toEqual([1_000, 1_000]);
		expect(phases.backoff).toHaveLength(10);
		expect(phases.backoff[0]).toBe(1_000);
		expect(phases.backoff[9]).toBe(20_000);
		expect(isNonDecreasing(phases.backoff)).toBe(true);
		expect(phases.postBackoff).toHaveLength(100_000);
		expect(phases.postBackoff.every((d) => d === 20_000)).toBe(true);
		expect(retryDelayMs(AWS_MANAGED_SCHEDULE, 100_015)).toBeUndefined();
	});

	it('SNS-RETRY-2: the AWS-managed schedule lasts about 23 days (100,015 retries)', () => {
		const total = totalRetryTimeMs(AWS_MANAGED_SCHEDULE);
		expect(total / DAY_MS).toBeGreaterThan(23);
		expect(total / DAY_MS).toBeLessThan(23.2);
		expect(total).toBe(delaysOf(AWS_MANAGED_SCHEDULE).reduce((a, b) => a + b, 0));
		// The exponential backoff phase with the [sim] curve of SNS-RETRY-6.
		expect(byPhase(AWS_MANAGED_SCHEDULE, delaysOf(AWS_MANAGED_SCHEDULE)).backoff).toEqual([
			1_000, 1_177, 1_458, 1_905, 2_613, 3_738, 5_524, 8_358, 12_858, 20_000
		]);
	});

	it('SNS-RETRY-2: Firehose is AWS-managed, but gets the customer-managed schedule when it throttles', () => {
		expect(endpointClass('firehose')).toBe('aws-managed');
		expect(scheduleFor('firehose')).toBe(AWS_MANAGED_SCHEDULE);
		expect(endpointClass('firehose', { throttled: true })).toBe('customer-managed');
	});

	it('SNS-RETRY-2/-3: a DeliveryPolicy changes nothing for non-HTTP protocols', () => {
		const retry = { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 1 };
		const custom = JSON.stringify({ healthyRetryPolicy: retry });
		const topic = JSON.stringify({ http: { defaultHealthyRetryPolicy: retry } });
		expect(scheduleFor('sqs', custom)).toBe(AWS_MANAGED_SCHEDULE);
		expect(scheduleFor('lambda', custom, topic)).toBe(AWS_MANAGED_SCHEDULE);
		expect(scheduleFor('email', custom)).toBe(CUSTOMER_MANAGED_SCHEDULE);
		expect(scheduleFor('sms', custom)).toBe(scheduleFor('sms'));
	});

	it('SNS-RETRY-3: email, email-json, SMS and mobile push — 0 immediate, 2 at 10 s, 10 backing off 10→600 s, 38 at 600 s', () => {
		for (const protocol of ['email', 'email-json', 'sms', 'application'] as const) {
			expect(endpointClass(protocol)).toBe('customer-managed');
			expect(scheduleFor(protocol)).toBe(CUSTOMER_MANAGED_SCHEDULE);
		}
		const delays = delaysOf(CUSTOMER_MANAGED_SCHEDULE);
		expect(delays).toHaveLength(50);
		const phases = byPhase(CUSTOMER_MANAGED_SCHEDULE, delays);
		expect(phases.immediate).toEqual([]);
		expect(phases.preBackoff).toEqual([10_000, 10_000]);
		expect(phases.backoff).toHaveLength(10);
		expect(phases.backoff[0]).toBe(10_000);
		expect(phases.backoff[9]).toBe(600_000);
		expect(isNonDecreasing(phases.backoff)).toBe(true);
		expect(phases.postBackoff).toEqual(Array(38).fill(600_000));
		// "50 attempts, over 6 hours".
		const total = totalRetryTimeMs(CUSTOMER_MANAGED_SCHEDULE);
		expect(total / HOUR_MS).toBeGreaterThan(6);
		expect(total / HOUR_MS).toBeLessThan(7);
	});

	it('SNS-RETRY-4: an HTTP/S subscription without a policy gets 3 retries 20 s apart (4 attempts)', () => {
		for (const protocol of ['http', 'https'] as const) {
			expect(endpointClass(protocol)).toBe('http');
			expect(delaysOf(scheduleFor(protocol))).toEqual([20_000, 20_000, 20_000]);
			expect(delaysOf(scheduleFor(protocol, ''))).toEqual([20_000, 20_000, 20_000]);
			expect(delaysOf(scheduleFor(protocol, '{}'))).toEqual([20_000, 20_000, 20_000]);
		}
		expect(httpDelays(DEFAULT_DELIVERY_POLICY)).toEqual([20_000, 20_000, 20_000]);
		expect(DEFAULT_HTTP_RETRY_POLICY).toEqual({
			minDelayTarget: 20,
			maxDelayTarget: 20,
			numRetries: 3,
			numNoDelayRetries: 0,
			numMinDelayRetries: 0,
			numMaxDelayRetries: 0,
			backoffFunction: 'linear'
		});
		expect(DEFAULT_DELIVERY_POLICY.requestPolicy.headerContentType).toBe('text/plain; charset=UTF-8');
		expect(DEFAULT_DELIVERY_POLICY.throttlePolicy).toBeNull();
		expect(scheduleFor('http').maxReceivesPerSecond).toBeUndefined();
	});

	it('SNS-RETRY-4: with maxDelayTarget 40 the three linear retries come at 20, 30 and 40 s', () => {
		const json = '{"healthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":40,"numRetries":3}}';
		expect(httpDelays(parseDeliveryPolicy(json))).toEqual([20_000, 30_000, 40_000]);
		expect(delaysOf(scheduleFor('https', json))).toEqual([20_000, 30_000, 40_000]);
	});

	it("SNS-RETRY-4: AWS's sample policy — 3 immediate, 2 at 1 s, 10 backing off 1→60 s, 35 at 60 s (50 retries)", () => {
		const doc = {
			healthyRetryPolicy: {
				minDelayTarget: 1,
				maxDelayTarget: 60,
				numRetries: 50,
				numNoDelayRetries: 3,
				numMinDelayRetries: 2,
				numMaxDelayRetries: 35,
				backoffFunction: 'exponential'
			},
			throttlePolicy: { maxReceivesPerSecond: 10 }
		};
		const p = parseDeliveryPolicy(doc);
		expect(p.throttlePolicy).toEqual({ maxReceivesPerSecond: 10 });
		const schedule = scheduleFor('http', JSON.stringify(doc));
		expect(schedule.maxReceivesPerSecond).toBe(10);
		const delays = delaysOf(schedule);
		expect(delays).toEqual(httpDelays(p));
		expect(delays).toHaveLength(50);
		const phases = byPhase(schedule, delays);
		expect(phases.immediate).toEqual([0, 0, 0]);
		expect(phases.preBackoff).toEqual([1_000, 1_000]);
		expect(phases.backoff).toHaveLength(10);
		expect([phases.backoff[0], phases.backoff[9]]).toEqual([1_000, 60_000]);
		expect(phases.postBackoff).toEqual(Array(35).fill(60_000));
		expect(totalRetryTimeMs(schedule)).toBeLessThanOrEqual(3_600_000);
	});

	it('SNS-RETRY-2..4: the fixed schedules and the default policy are frozen', () => {
		expect(Object.isFrozen(AWS_MANAGED_SCHEDULE)).toBe(true);
		expect(Object.isFrozen(AWS_MANAGED_SCHEDULE.phases)).toBe(true);
		expect(AWS_MANAGED_SCHEDULE.phases.every((p) => Object.isFrozen(p))).toBe(true);
		expect(Object.isFrozen(CUSTOMER_MANAGED_SCHEDULE)).toBe(true);
		expect(Object.isFrozen(DEFAULT_HTTP_RETRY_POLICY)).toBe(true);
		// Parsing hands out copies, never the shared default.
		const p = parseDeliveryPolicy('{}');
		expect(p.healthyRetryPolicy).not.toBe(DEFAULT_HTTP_RETRY_POLICY);
		expect(p.healthyRetryPolicy).toEqual(DEFAULT_HTTP_RETRY_POLICY);
	});
});

describe('SNS-RETRY-4 phases', () => {
	it('SNS-RETRY-4: backoff retries = numRetries − immediate − pre-backoff − post-backoff; phases sum to numRetries', () => {
		const p = policy({
			minDelayTarget: 2,
			maxDelayTarget: 30,
			numRetries: 12,
			numNoDelayRetries: 2,
			numMinDelayRetries: 3,
			numMaxDelayRetries: 4
		});
		const s = httpSchedule(p);
		expect(s.phases.map((x) => [x.kind, x.count])).toEqual([
			['fixed', 2],
			['fixed', 3],
			['backoff', 3],
			['fixed', 4]
		]);
		expect(retryCount(s)).toBe(12);
		expect(Array.from({ length: 12 }, (_, k) => retryPhase(s, k)?.name)).toEqual([
			...Array(2).fill('immediate'),
			...Array(3).fill('pre-backoff'),
			...Array(3).fill('backoff'),
			...Array(4).fill('post-backoff')
		]);
		expect(retryPhase(s, 6)).toEqual({ name: 'backoff', index: 2, of: 3, phases: 4 });
		expect(retryPhase(s, 12)).toBeUndefined();
		expect(delaysOf(s)).toEqual([
			0, 0, 2_000, 2_000, 2_000, 2_000, 16_000, 30_000, 30_000, 30_000, 30_000, 30_000
		]);
	});

	it('SNS-RETRY-4: phase counts always sum to numRetries, and the delays follow the phases (property)', () => {
		const arb = fc
			.record({
				min: fc.integer({ min: 1, max: 60 }),
				extra: fc.integer({ min: 0, max: 60 }),
				no: fc.integer({ min: 0, max: 10 }),
				pre: fc.integer({ min: 0, max: 10 }),
				post: fc.integer({ min: 0, max: 10 }),
				backoff: fc.integer({ min: 0, max: 20 }),
				fn: fc.constantFrom<BackoffFunction>(...BACKOFF_FUNCTIONS)
			})
			.map(({ min, extra, no, pre, post, backoff, fn }) =>
				policy({
					minDelayTarget: min,
					maxDelayTarget: min + extra,
					numRetries: no + pre + post + backoff,
					numNoDelayRetries: no,
					numMinDelayRetries: pre,
					numMaxDelayRetries: post,
					backoffFunction: fn
				})
			);
		fc.assert(
			fc.property(arb, (p) => {
				const s = httpSchedule(p);
				expect(retryCount(s)).toBe(p.numRetries);
				const delays = delaysOf(s);
				expect(delays).toHaveLength(p.numRetries);
				const split = byCounts(p, delays);
				expect(split.immediate.every((d) => d === 0)).toBe(true);
				expect(split.preBackoff.every((d) => d === p.minDelayTarget * 1000)).toBe(true);
				expect(split.postBackoff.every((d) => d === p.maxDelayTarget * 1000)).toBe(true);
				expect(isNonDecreasing(split.backoff)).toBe(true);
				if (split.backoff.length > 0) expect(split.backoff[0]).toBe(p.minDelayTarget * 1000);
				if (split.backoff.length > 1) expect(split.backoff.at(-1)).toBe(p.maxDelayTarget * 1000);
				// Delays never go down across the whole schedule.
				expect(isNonDecreasing(delays)).toBe(true);
				expect(retryDelayMs(s, p.numRetries)).toBeUndefined();
				expect(totalRetryTimeMs(s)).toBe(delays.reduce((a, b) => a + b, 0));
			})
		);
	});

	it('SNS-RETRY-4: numRetries 0 means no retry at all', () => {
		const p = parseDeliveryPolicy({
			healthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 0 }
		});
		expect(httpDelays(p)).toEqual([]);
		expect(retryDelayMs(httpSchedule(p.healthyRetryPolicy), 0)).toBeUndefined();
	});

	it('a retry index that is negative or not an integer is a RangeError', () => {
		expect(() => retryDelayMs(DEFAULT_HTTP_SCHEDULE, -1)).toThrow(RangeError);
		expect(() => retryDelayMs(DEFAULT_HTTP_SCHEDULE, 0.5)).toThrow(RangeError);
	});
});

describe('SNS-RETRY-6 backoff curves [sim]', () => {
	const cases: [number, number, number][] = [
		[5, 260, 10], // AWS's chart: 10 retries from 5 s to 260 s
		[1, 20, 10],
		[10, 600, 10],
		[20, 40, 3],
		[1, 3_600, 2],
		[3, 7, 25]
	];

	for (const fn of BACKOFF_FUNCTIONS) {
		it(`SNS-RETRY-6: ${fn} starts at min, ends at max and never decreases`, () => {
			for (const [min, max, n] of cases) {
				const curve = Array.from({ length: n }, (_, k) => backoffDelay(fn, min, max, k, n));
				expect(curve[0]).toBeCloseTo(min, 9);
				expect(curve[n - 1]).toBeCloseTo(max, 9);
				expect(isNonDecreasing(curve)).toBe(true);
				// Strictly rising when min < max.
				expect(curve.every((x, i) => i === 0 || x > (curve[i - 1] as number))).toBe(true);
				expect(curve.every((x) => x >= min - 1e-9 && x <= max + 1e-9)).toBe(true);
			}
		});
	}

	it('SNS-RETRY-6: the formulas — linear, arithmetic (t²), geometric (ratio^t), exponential ((2^6t − 1)/63)', () => {
		const t = 4 / 9;
		expect(backoffDelay('linear', 5, 260, 4, 10)).toBeCloseTo(5 + 255 * t, 9);
		expect(backoffDelay('arithmetic', 5, 260, 4, 10)).toBeCloseTo(5 + 255 * t * t, 9);
		expect(backoffDelay('geometric', 5, 260, 4, 10)).toBeCloseTo(5 * 52 ** t, 9);
		expect(backoffDelay('exponential', 5, 260, 4, 10)).toBeCloseTo(5 + (255 * (2 ** (6 * t) - 1)) / 63, 9);
		expect(backoffDelay('linear', 20, 40, 1, 3)).toBe(30);
	});

	it('SNS-RETRY-6: between the ends, linear rises fastest and the other three are convex (below it)', () => {
		for (let k = 1; k < 9; k++) {
			const lin = backoffDelay('linear', 5, 260, k, 10);
			for (const fn of ['arithmetic', 'geometric', 'exponential'] as const) {
				expect(backoffDelay(fn, 5, 260, k, 10)).toBeLessThan(lin);
			}
		}
	});

	it('SNS-RETRY-6: min = max gives a flat phase; a one-retry phase uses min [sim]', () => {
		for (const fn of BACKOFF_FUNCTIONS) {
			expect(Array.from({ length: 4 }, (_, k) => backoffDelay(fn, 20, 20, k, 4))).toEqual([20, 20, 20, 20]);
			expect(backoffDelay(fn, 20, 40, 0, 1)).toBe(20);
		}
	});
});

describe('SNS-RETRY-1 jitter [sim]', () => {
	const s = httpSchedule(
		policy({ minDelayTarget: 10, maxDelayTarget: 10, numRetries: 4, numNoDelayRetries: 1 })
	);

	it('SNS-RETRY-1: without jitter the delays are exact', () => {
		expect(delaysOf(s)).toEqual([0, 10_000, 10_000, 10_000]);
	});

	it('SNS-RETRY-1: with jitter each non-zero delay moves by at most ±10 %, and 0 stays 0 without a draw', () => {
		const low = constant(0);
		expect(delaysOf(s, low)).toEqual([0, 9_000, 9_000, 9_000]);
		expect(low.draws).toBe(3);
		expect(delaysOf(s, constant(0.5))).toEqual([0, 10_000, 10_000, 10_000]);
		expect(delaysOf(s, constant(0.999_999))).toEqual([0, 11_000, 11_000, 11_000]);
		const zero = constant(0);
		expect(retryDelayMs(s, 0, zero)).toBe(0);
		expect(zero.draws).toBe(0);
	});

	it('SNS-RETRY-1: a seeded stream gives the same jitter every run', () => {
		const a = delaysOf(CUSTOMER_MANAGED_SCHEDULE, Random.from(42, 'sub-1'));
		const b = delaysOf(CUSTOMER_MANAGED_SCHEDULE, Random.from(42, 'sub-1'));
		expect(a).toEqual(b);
		const exact = delaysOf(CUSTOMER_MANAGED_SCHEDULE);
		a.forEach((d, k) => {
			const e = exact[k] as number;
			expect(d).toBeGreaterThanOrEqual(Math.floor(e * 0.9));
			expect(d).toBeLessThanOrEqual(Math.ceil(e * 1.1));
		});
		expect(a).not.toEqual(exact);
	});
});

describe('SNS-RETRY-4 DeliveryPolicy validation', () => {
	const full = { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3 };

	it('SNS-RETRY-4: parses a JSON string or an object and fills in the defaults', () => {
		const p = parseDeliveryPolicy(
			'{"healthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":60,"numRetries":6,"backoffFunction":"exponential"}}'
		);
		expect(p).toEqual({
			healthyRetryPolicy: {
				minDelayTarget: 5,
				maxDelayTarget: 60,
				numRetries: 6,
				numNoDelayRetries: 0,
				numMinDelayRetries: 0,
				numMaxDelayRetries: 0,
				backoffFunction: 'exponential'
			},
			sicklyRetryPolicy: null,
			throttlePolicy: null,
			requestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
			guaranteed: false
		});
		expect(
			parseDeliveryPolicy({ requestPolicy: { headerContentType: 'application/json' } }).requestPolicy
		).toEqual({
			headerContentType: 'application/json'
		});
	});

	it("SNS-RETRY-4: AWS's EffectiveDeliveryPolicy (nulls, guaranteed) round-trips", () => {
		const effective = {
			healthyRetryPolicy: {
				...full,
				numNoDelayRetries: 0,
				numMinDelayRetries: 0,
				numMaxDelayRetries: 0,
				backoffFunction: 'linear'
			},
			sicklyRetryPolicy: null,
			throttlePolicy: null,
			requestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
			guaranteed: false
		};
		expect(parseDeliveryPolicy(JSON.stringify(effective))).toEqual(effective);
		expect(parseDeliveryPolicy(JSON.stringify(parseDeliveryPolicy(effective)))).toEqual(effective);
	});

	it('SNS-RETRY-4: backoffFunction is accepted in upper case (as the AWS CDK sends it) and normalised (unverified)', () => {
		const p = parseDeliveryPolicy({ healthyRetryPolicy: { ...full, backoffFunction: 'EXPONENTIAL' } });
		expect(p.healthyRetryPolicy.backoffFunction).toBe('exponential');
	});

	it('SNS-RETRY-4: an empty document means no policy [sim]', () => {
		expect(parseDeliveryPolicy('')).toEqual(DEFAULT_DELIVERY_POLICY);
		expect(parseDeliveryPolicy('{}')).toEqual(DEFAULT_DELIVERY_POLICY);
	});

	it('SNS-RETRY-4: the limits themselves are accepted', () => {
		// numRetries 100 with 1 s delays; numRetries 0; maxDelayTarget 3,600 once.
		expect(
			httpDelays(
				parseDeliveryPolicy({
					healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 100 }
				})
			)
		).toEqual(Array(100).fill(1_000));
		expect(
			parseDeliveryPolicy({ healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 3_600, numRetries: 0 } })
		).toBeTruthy();
		expect(
			httpDelays(
				parseDeliveryPolicy({
					healthyRetryPolicy: { minDelayTarget: 3_600, maxDelayTarget: 3_600, numRetries: 1 }
				})
			)
		).toEqual([3_600_000]);
		expect(parseDeliveryPolicy({ throttlePolicy: { maxReceivesPerSecond: 1 } }).throttlePolicy).toEqual({
			maxReceivesPerSecond: 1
		});
		expect(
			parseDeliveryPolicy({
				healthyRetryPolicy: {
					...full,
					numRetries: 3,
					numNoDelayRetries: 1,
					numMinDelayRetries: 1,
					numMaxDelayRetries: 1
				}
			}).healthyRetryPolicy.numRetries
		).toBe(3);
	});

	const invalid: [string, string | object, string][] = [
		['not JSON', '{"healthyRetryPolicy":', 'failed to parse JSON'],
		['a JSON array', '[]', 'failed to parse JSON'],
		// The AWS docs' own example ({"numRetries":5}) is rejected by AWS like this.
		[
			'minDelayTarget missing',
			{ healthyRetryPolicy: { numRetries: 5 } },
			'healthyRetryPolicy.minDelayTarget must be specified'
		],
		[
			'maxDelayTarget missing',
			{ healthyRetryPolicy: { minDelayTarget: 5, numRetries: 5 } },
			'healthyRetryPolicy.maxDelayTarget must be specified'
		],
		[
			'numRetries missing',
			{ healthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 5 } },
			'healthyRetryPolicy.numRetries must be specified'
		],
		[
			'minDelayTarget 0 (seen from AWS with every field 0)',
			{
				healthyRetryPolicy: {
					numRetries: 0,
					minDelayTarget: 0,
					maxDelayTarget: 0,
					numMinDelayRetries: 0,
					numMaxDelayRetries: 0,
					numNoDelayRetries: 0,
					backoffFunction: 'exponential'
				}
			},
			'healthyRetryPolicy.minDelayTarget must be greater than or equal to 1'
		],
		[
			'maxDelayTarget above 3,600',
			{ healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 3_601, numRetries: 0 } },
			'healthyRetryPolicy.maxDelayTarget must be less than or equal to 3600'
		],
		[
			'minDelayTarget above maxDelayTarget',
			{ healthyRetryPolicy: { minDelayTarget: 30, maxDelayTarget: 20, numRetries: 1 } },
			'healthyRetryPolicy.maxDelayTarget must be greater than or equal to minDelayTarget'
		],
		[
			'numRetries above 100',
			{ healthyRetryPolicy: { ...full, numRetries: 101 } },
			'healthyRetryPolicy.numRetries must be less than or equal to 100'
		],
		[
			'numRetries below 0',
			{ healthyRetryPolicy: { ...full, numRetries: -1 } },
			'healthyRetryPolicy.numRetries must be greater than or equal to 0'
		],
		[
			'numNoDelayRetries below 0',
			{ healthyRetryPolicy: { ...full, numNoDelayRetries: -1 } },
			'healthyRetryPolicy.numNoDelayRetries must be greater than or equal to 0'
		],
		[
			'numMinDelayRetries below 0',
			{ healthyRetryPolicy: { ...full, numMinDelayRetries: -2 } },
			'healthyRetryPolicy.numMinDelayRetries must be greater than or equal to 0'
		],
		[
			'numMaxDelayRetries below 0',
			{ healthyRetryPolicy: { ...full, numMaxDelayRetries: -3 } },
			'healthyRetryPolicy.numMaxDelayRetries must be greater than or equal to 0'
		],
		[
			'phase counts above numRetries',
			{
				healthyRetryPolicy: {
					...full,
					numRetries: 4,
					numNoDelayRetries: 2,
					numMinDelayRetries: 2,
					numMaxDelayRetries: 1
				}
			},
			'healthyRetryPolicy.numRetries must be greater than or equal to total of numMinDelayRetries, numNoDelayRetries and numMaxDelayRetries'
		],
		[
			'an unknown backoff function',
			{ healthyRetryPolicy: { ...full, backoffFunction: 'quadratic' } },
			'healthyRetryPolicy.backoffFunction must be one of: linear, arithmetic, geometric, exponential'
		],
		[
			'a string where an integer belongs',
			{ healthyRetryPolicy: { ...full, minDelayTarget: '20' } },
			'healthyRetryPolicy.minDelayTarget type mismatch, expecting integer, received a string'
		],
		[
			'a decimal where an integer belongs',
			{ healthyRetryPolicy: { ...full, numRetries: 1.5 } },
			'healthyRetryPolicy.numRetries type mismatch, expecting integer, received a decimal'
		],
		[
			'a boolean where an integer belongs',
			{ healthyRetryPolicy: { ...full, numMaxDelayRetries: true } },
			'healthyRetryPolicy.numMaxDelayRetries type mismatch, expecting integer, received a boolean'
		],
		[
			'a non-object healthyRetryPolicy',
			{ healthyRetryPolicy: [1] },
			'healthyRetryPolicy type mismatch, expecting object, received an array'
		],
		['an unknown top-level member', { retryPolicy: {} }, 'Unexpected JSON member: retryPolicy'],
		[
			'an unknown retry-policy member',
			{ healthyRetryPolicy: { ...full, maxRetries: 3 } },
			'Unexpected JSON member: maxRetries'
		],
		[
			'maxReceivesPerSecond 0',
			{ throttlePolicy: { maxReceivesPerSecond: 0 } },
			'throttlePolicy.maxReceivesPerSecond must be greater than or equal to 1'
		],
		[
			'a numeric content type',
			{ requestPolicy: { headerContentType: 5 } },
			'requestPolicy.headerContentType type mismatch, expecting string, received an integer'
		],
		[
			'an empty content type',
			{ requestPolicy: { headerContentType: ' ' } },
			'requestPolicy.headerContentType must not be empty'
		],
		[
			'guaranteed as a string',
			{ guaranteed: 'false' },
			'guaranteed type mismatch, expecting boolean, received a string'
		],
		[
			'an invalid sicklyRetryPolicy',
			{ sicklyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 1 } },
			'sicklyRetryPolicy.numRetries must be specified'
		],
		[
			'retries that do not fit in 3,600 s',
			{ healthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 3_600, numRetries: 2 } },
			'healthyRetryPolicy: the total retry time (3620 seconds) must be less than or equal to 3600 seconds'
		]
	];

	for (const [what, input, detail] of invalid) {
		it(`SNS-RETRY-4: rejects ${what}`, () => {
			const err = errorOf(() => parseDeliveryPolicy(input));
			expect(err).toBeInstanceOf(DeliveryPolicyError);
			expect(err?.name).toBe('InvalidParameterException');
			expect(err?.message).toBe(`Invalid parameter: DeliveryPolicy: ${detail}`);
			expect((err as DeliveryPolicyError).detail).toBe(detail);
		});
	}

	it('SNS-RETRY-4: through an Attributes map (Subscribe, CreateTopic) AWS words it "Attributes Reason:"', () => {
		const err = errorOf(() =>
			parseDeliveryPolicy({ healthyRetryPolicy: { ...full, minDelayTarget: 0 } }, { source: 'Attributes' })
		);
		expect(err?.message).toBe(
			'Invalid parameter: Attributes Reason: DeliveryPolicy: healthyRetryPolicy.minDelayTarget must be greater than or equal to 1'
		);
	});

	it('SNS-RETRY-4: the first problem is reported, minDelayTarget first', () => {
		const err = errorOf(() =>
			parseDeliveryPolicy({
				healthyRetryPolicy: { numRetries: 500, minDelayTarget: 0, maxDelayTarget: 9_999 }
			})
		);
		expect((err as DeliveryPolicyError).detail).toBe(
			'healthyRetryPolicy.minDelayTarget must be greater than or equal to 1'
		);
	});
});

describe('SNS-RETRY-4 topic policies', () => {
	const retry = {
		minDelayTarget: 10,
		maxDelayTarget: 20,
		numRetries: 3,
		numNoDelayRetries: 1,
		numMinDelayRetries: 1,
		numMaxDelayRetries: 1,
		backoffFunction: 'linear'
	};

	it('SNS-RETRY-4: parses {"http": {...}} and fills in the defaults', () => {
		const t = parseTopicDeliveryPolicy({
			http: {
				defaultHealthyRetryPolicy: retry,
				disableSubscriptionOverrides: true,
				defaultRequestPolicy: { headerContentType: 'application/json' }
			}
		});
		expect(t.http).toEqual({
			defaultHealthyRetryPolicy: retry,
			defaultSicklyRetryPolicy: null,
			defaultThrottlePolicy: null,
			defaultRequestPolicy: { headerContentType: 'application/json' },
			disableSubscriptionOverrides: true
		});
		expect(
			parseTopicDeliveryPolicy(
				'{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":5}}}'
			).http.defaultHealthyRetryPolicy.numRetries
		).toBe(5);
		expect(parseTopicDeliveryPolicy('').http.defaultHealthyRetryPolicy).toEqual(DEFAULT_HTTP_RETRY_POLICY);
	});

	it('SNS-RETRY-4: errors name the topic path, in the wording AWS returns', () => {
		expect(
			errorOf(() =>
				parseTopicDeliveryPolicy({ http: { defaultHealthyRetryPolicy: { ...retry, numRetries: 300 } } })
			)?.message
		).toBe(
			'Invalid parameter: DeliveryPolicy: http.defaultHealthyRetryPolicy.numRetries must be less than or equal to 100'
		);
		// A subscription-shaped document on a topic.
		expect(
			errorOf(() => parseTopicDeliveryPolicy({ throttlePolicy: { maxReceivesPerSecond: 1 } }))?.message
		).toBe('Invalid parameter: DeliveryPolicy: Unexpected JSON member: throttlePolicy');
		expect(
			errorOf(() =>
				parseTopicDeliveryPolicy({ http: { defaultThrottlePolicy: { maxReceivesPerSecond: 0 } } })
			)?.message
		).toBe(
			'Invalid parameter: DeliveryPolicy: http.defaultThrottlePolicy.maxReceivesPerSecond must be greater than or equal to 1'
		);
	});

	it('SNS-RETRY-4: the subscription policy wins over the topic default', () => {
		const topic = {
			http: { defaultHealthyRetryPolicy: retry, defaultThrottlePolicy: { maxReceivesPerSecond: 5 } }
		};
		const sub = { healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 1 } };
		const e = effectiveDeliveryPolicy(sub, topic);
		expect(e.healthyRetryPolicy.numRetries).toBe(1);
		// [sim] Sections the subscription does not set come from the topic.
		expect(e.throttlePolicy).toEqual({ maxReceivesPerSecond: 5 });
		expect(effectiveDeliveryPolicy(undefined, topic).healthyRetryPolicy).toEqual(retry);
		expect(effectiveDeliveryPolicy(null, null)).toEqual(DEFAULT_DELIVERY_POLICY);
		expect(effectiveDeliveryPolicy(sub).healthyRetryPolicy.numRetries).toBe(1);
	});

	it('SNS-RETRY-4: disableSubscriptionOverrides makes the topic policy apply to every subscription', () => {
		const topic = { http: { defaultHealthyRetryPolicy: retry, disableSubscriptionOverrides: true } };
		const sub = {
			healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 1 },
			throttlePolicy: { maxReceivesPerSecond: 2 }
		};
		const e = effectiveDeliveryPolicy(sub, topic);
		expect(e.healthyRetryPolicy).toEqual(retry);
		expect(e.throttlePolicy).toBeNull();
		expect(httpDelays(e)).toEqual([0, 10_000, 20_000]);
	});

	it('SNS-RETRY-4: both documents are validated', () => {
		expect(() => effectiveDeliveryPolicy({ healthyRetryPolicy: {} }, undefined)).toThrow(DeliveryPolicyError);
		expect(() => effectiveDeliveryPolicy(undefined, '{"http":5}')).toThrow(
			/http type mismatch, expecting object/
		);
	});
});

describe('SNS-RETRY-5 / SNS-DLQ-2 failure classes', () => {
	it('SNS-TOP-3, SNS-RETRY-5: HTTP statuses — 2xx succeed, 100–101 and 5xx are retried, 4xx are permanent', () => {
		const table: [number, string][] = [
			[200, 'success'],
			[204, 'success'],
			[299, 'success'],
			[100, 'server'],
			[101, 'server'],
			[500, 'server'],
			[503, 'server'],
			[599, 'server'],
			[400, 'client'],
			[403, 'client'],
			[404, 'client'],
			[410, 'client'],
			[499, 'client'],
			// [sim] neither 2xx nor on AWS's retry list.
			[102, 'client'],
			[302, 'client'],
			[600, 'client']
		];
		for (const [status, expected] of table) expect(classifyHttpStatus(status), String(status)).toBe(expected);
		expect(() => classifyHttpStatus(200.5)).toThrow(RangeError);
	});

	it('SNS-RETRY-1/-5: 429 counts as throttling and is retried by default (unverified); it can be made permanent', () => {
		expect(classifyHttpStatus(429)).toBe('server');
		expect(classifyHttpStatus(429, { retry429: false })).toBe('client');
	});

	it('SNS-RETRY-5, SNS-DLQ-2: timeouts, connection and availability errors are server-side; deleted endpoints, permissions and KMS are client-side', () => {
		expect(classifyDeliveryError('timeout')).toBe('server');
		expect(classifyDeliveryError('connection')).toBe('server');
		expect(classifyDeliveryError('unavailable')).toBe('server');
		expect(classifyDeliveryError('throttled')).toBe('server');
		expect(classifyDeliveryError('endpoint-deleted')).toBe('client');
		expect(classifyDeliveryError('permission-denied')).toBe('client');
		expect(classifyDeliveryError('kms')).toBe('client');
		expect(classifyDeliveryError('rejected-message')).toBe('client');
	});

	it('SNS-RETRY-5: after a timeout the next try starts one interval after the 15 s timeout (35 s with 20 s)', () => {
		expect(nextAttemptAtMs(0, 20_000, null)).toBe(35_000);
		expect(nextAttemptAtMs(100_000, 20_000, null)).toBe(135_000);
		// A fast failure: the delay runs from the response.
		expect(nextAttemptAtMs(0, 20_000, 80)).toBe(20_080);
		// A response can take no longer than the timeout.
		expect(nextAttemptAtMs(0, 20_000, 60_000)).toBe(35_000);
	});

	it('SNS-DLQ-2: a client-side failure goes to the DLQ at once, with no retry; without a DLQ it is dropped', () => {
		expect(afterFailedAttempt('client', 0, DEFAULT_HTTP_SCHEDULE, true)).toEqual({
			action: 'dead-letter'
		});
		expect(afterFailedAttempt('client', 0, DEFAULT_HTTP_SCHEDULE, false)).toEqual({ action: 'drop' });
		expect(afterFailedAttempt('client', 0, AWS_MANAGED_SCHEDULE, true)).toEqual({
			action: 'dead-letter'
		});
	});

	it('SNS-RETRY-1, SNS-DLQ-2: a server-side failure is retried until the policy is used up, then dead-lettered or dropped', () => {
		const steps = [0, 1, 2, 3].map((done) => afterFailedAttempt('server', done, DEFAULT_HTTP_SCHEDULE, true));
		expect(steps).toEqual([
			{ action: 'retry', delayMs: 20_000 },
			{ action: 'retry', delayMs: 20_000 },
			{ action: 'retry', delayMs: 20_000 },
			{ action: 'dead-letter' }
		]);
		expect(afterFailedAttempt('server', 3, DEFAULT_HTTP_SCHEDULE, false)).toEqual({ action: 'drop' });
		// SQS/Lambda: the 100,015th retry still happens; after it, the DLQ.
		expect(afterFailedAttempt('server', 100_014, AWS_MANAGED_SCHEDULE, true)).toEqual({
			action: 'retry',
			delayMs: 20_000
		});
		expect(afterFailedAttempt('server', 100_015, AWS_MANAGED_SCHEDULE, true)).toEqual({
			action: 'dead-letter'
		});
		expect(afterFailedAttempt('server', 0, AWS_MANAGED_SCHEDULE, true, constant(0))).toEqual({
			action: 'retry',
			delayMs: 0
		});
	});
});

describe("SNS-RETRY-4 the simulation's parse path", () => {
	const noMin = JSON.stringify({ healthyRetryPolicy: { numRetries: 6, maxDelayTarget: 60 } });
	const detail = 'healthyRetryPolicy.minDelayTarget must be specified';

	it('SNS-RETRY-4: scheduleFor validates like parseDeliveryPolicy, for HTTP/S only', () => {
		const err = errorOf(() => scheduleFor('https', noMin));
		expect(err).toBeInstanceOf(DeliveryPolicyError);
		expect(err?.name).toBe('InvalidParameterException');
		expect(err?.message).toBe(`Invalid parameter: DeliveryPolicy: ${detail}`);
		expect(errorOf(() => scheduleFor('http', '{"healthyRetryPolicy":{}, "x": 1}'))?.message).toBe(
			'Invalid parameter: DeliveryPolicy: Unexpected JSON member: x'
		);
		expect(errorOf(() => scheduleFor('http', '{'))?.message).toBe(
			'Invalid parameter: DeliveryPolicy: failed to parse JSON'
		);
		expect(
			errorOf(() => scheduleFor('http', undefined, '{"http":{"defaultHealthyRetryPolicy":{"numRetries":2}}}'))
				?.message
		).toBe(
			'Invalid parameter: DeliveryPolicy: http.defaultHealthyRetryPolicy.minDelayTarget must be specified'
		);
		// [sim] Other protocols have fixed schedules and do not read the policy.
		expect(scheduleFor('sqs', noMin)).toBe(AWS_MANAGED_SCHEDULE);
	});

	it('SNS-RETRY-4: scheduleFor takes the topic defaults unless the subscription sets its own', () => {
		const topicRetry = { minDelayTarget: 10, maxDelayTarget: 20, numRetries: 3, numNoDelayRetries: 1 };
		const subRetry = { minDelayTarget: 5, maxDelayTarget: 5, numRetries: 2 };
		const topic = (disable: boolean) =>
			JSON.stringify({
				http: {
					defaultHealthyRetryPolicy: topicRetry,
					defaultThrottlePolicy: { maxReceivesPerSecond: 3 },
					disableSubscriptionOverrides: disable
				}
			});
		const sub = JSON.stringify({ healthyRetryPolicy: subRetry, throttlePolicy: { maxReceivesPerSecond: 7 } });
		expect(delaysOf(scheduleFor('http', undefined, topic(false)))).toEqual([0, 10_000, 20_000]);
		expect(scheduleFor('http', undefined, topic(false)).maxReceivesPerSecond).toBe(3);
		expect(delaysOf(scheduleFor('http', sub, topic(false)))).toEqual([5_000, 5_000]);
		expect(scheduleFor('http', sub, topic(false)).maxReceivesPerSecond).toBe(7);
		expect(delaysOf(scheduleFor('http', sub, topic(true)))).toEqual([0, 10_000, 20_000]);
		expect(scheduleFor('http', sub, topic(true)).maxReceivesPerSecond).toBe(3);
	});

	it('SNS-RETRY-4: a scenario whose healthyRetryPolicy lacks minDelayTarget is refused at its path', () => {
		const scenario = (subPolicy: unknown, topicPolicy?: unknown) => ({
			version: 1,
			name: 'no-min',
			seed: 1,
			durationMs: 1000,
			nodes: [
				{
					id: 't',
					type: 'sns-topic',
					...(topicPolicy !== undefined ? { DeliveryPolicy: topicPolicy } : {}),
					Subscriptions: [{ Protocol: 'https', Endpoint: 'https://example.com', DeliveryPolicy: subPolicy }]
				}
			]
		});
		const r = parseScenario(scenario(JSON.parse(noMin)));
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.errors).toContainEqual({
				path: 'nodes[0].Subscriptions[0].DeliveryPolicy',
				message: `Invalid parameter: DeliveryPolicy: ${detail}`
			});
		}
		// A broken topic policy is reported once, at the topic.
		const t = parseScenario(scenario({}, { http: { defaultHealthyRetryPolicy: { numRetries: 1 } } }));
		expect(t.ok).toBe(false);
		if (!t.ok) {
			expect(t.errors.filter((e) => e.path.endsWith('DeliveryPolicy'))).toEqual([
				{
					path: 'nodes[0].DeliveryPolicy',
					message:
						'Invalid parameter: DeliveryPolicy: http.defaultHealthyRetryPolicy.minDelayTarget must be specified'
				}
			]);
		}
	});

	it('SNS-RETRY-4: SetSubscriptionAttributes refuses a healthyRetryPolicy without minDelayTarget', () => {
		const sb = createSandbox({ seed: 1 });
		const { TopicArn } = sb.sns.createTopic({ Name: 't' });
		sb.sns.simulateEndpoint('https://e.example.com', { AutoConfirm: true });
		const { SubscriptionArn } = sb.sns.subscribe({
			TopicArn,
			Protocol: 'https',
			Endpoint: 'https://e.example.com',
			ReturnSubscriptionArn: true
		});
		const err = errorOf(() =>
			sb.sns.setSubscriptionAttributes({
				SubscriptionArn: SubscriptionArn ?? '',
				AttributeName: 'DeliveryPolicy',
				AttributeValue: noMin
			})
		);
		expect(err?.name).toBe('InvalidParameterException');
		expect(err?.message).toBe(`Invalid parameter: DeliveryPolicy: ${detail}`);
		expect(
			sb.sns.getSubscriptionAttributes({ SubscriptionArn: SubscriptionArn ?? '' }).Attributes.DeliveryPolicy
		).toBeUndefined();
	});
});
