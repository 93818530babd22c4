// The SNS delivery retry policy as a pure module (SNS-RETRY-1..6, SNS-DLQ-2, SNS-TOP-3): the DeliveryPolicy
// JSON of HTTP/S subscriptions and topics, validated with AWS's limits and "Invalid parameter:
// DeliveryPolicy: …" wording; the fixed schedules of AWS-managed (SQS, Lambda, Firehose) and
// customer-managed (email, SMS, mobile push) endpoints; the delay before every retry across the four phases
// (immediate, pre-backoff, backoff, post-backoff) with the [sim] backoff curves and optional seeded jitter;
// and the client-versus-server split that decides between retrying, dead-lettering and dropping. Times in
// the policy JSON are seconds; everything this module returns is milliseconds. No clock and no Math.random:
// callers pass `random`.
//
// Where AWS's behaviour or wording is not documented, the choice is marked (unverified) or [sim]:
// - AWS requires minDelayTarget, maxDelayTarget and numRetries whenever a healthyRetryPolicy is given ("…
//   must be specified"; seen in real responses, and the AWS CDK fills them in for that reason). The
//   SNS-RETRY-4 defaults apply to a policy that is absent, not to missing fields.
// - Messages seen verbatim from AWS: "healthyRetryPolicy.minDelayTarget must be specified", "….minDelayTarget
//   must be greater than or equal to 1", "….numRetries must be less than or equal to 100", "… type mismatch,
//   expecting integer, received a string", "Unexpected JSON member: throttlePolicy". The other messages
//   follow the same pattern (unverified).

import { AwsError } from '../shared/errors';
import { powPositive } from '../../engine/math';
import type { SnsProtocol } from './topic';

export type BackoffFunction = 'linear' | 'arithmetic' | 'geometric' | 'exponential';
export const BACKOFF_FUNCTIONS: readonly BackoffFunction[] = [
	'linear',
	'arithmetic',
	'geometric',
	'exponential'
];

/** A retry policy with every field resolved. Delays are whole seconds, as in the JSON. */
export interface RetryPolicy {
	/** Delay of the pre-backoff retries and of the first backoff retry (s). */
	minDelayTarget: number;
	/** Delay of the last backoff retry and of the post-backoff retries (s). */
	maxDelayTarget: number;
	/** All retries, across the four phases (the initial attempt is not a retry). */
	numRetries: number;
	/** Phase 1: immediate retries. */
	numNoDelayRetries: number;
	/** Phase 2: retries `minDelayTarget` apart. */
	numMinDelayRetries: number;
	/** Phase 4: retries `maxDelayTarget` apart. */
	numMaxDelayRetries: number;
	/** Phase 3: how the delay rises from min to max. */
	backoffFunction: BackoffFunction;
}

export interface ThrottlePolicy {
	/** SNS-RETRY-4: deliveries per second to this subscription, at least 1. */
	maxReceivesPerSecond: number;
}

export interface RequestPolicy {
	/** SNS-RETRY-4: the Content-Type of HTTP/S deliveries. */
	headerContentType: string;
}

/** A subscription's DeliveryPolicy as written (AWS JSON; every member optional, null allowed). */
export interface DeliveryPolicyJson {
	healthyRetryPolicy?: RetryPolicyJson | null;
	sicklyRetryPolicy?: RetryPolicyJson | null;
	throttlePolicy?: { maxReceivesPerSecond?: number } | null;
	requestPolicy?: { headerContentType?: string } | null;
	/** Present in AWS's EffectiveDeliveryPolicy; accepted so that it round-trips. */
	guaranteed?: boolean;
}

export interface RetryPolicyJson {
	minDelayTarget?: number;
	maxDelayTarget?: number;
	numRetries?: number;
	numNoDelayRetries?: number;
	numMinDelayRetries?: number;
	numMaxDelayRetries?: number;
	backoffFunction?: BackoffFunction | Uppercase<BackoffFunction>;
}

/** A topic's DeliveryPolicy as written: defaults for its HTTP/S subscriptions (SNS-RETRY-4). */
export interface TopicDeliveryPolicyJson {
	http?: {
		defaultHealthyRetryPolicy?: RetryPolicyJson | null;
		defaultSicklyRetryPolicy?: RetryPolicyJson | null;
		defaultThrottlePolicy?: { maxReceivesPerSecond?: number } | null;
		defaultRequestPolicy?: { headerContentType?: string } | null;
		disableSubscriptionOverrides?: boolean;
	} | null;
}

/** A parsed subscription policy, defaults filled in: the shape of AWS's EffectiveDeliveryPolicy. */
export interface DeliveryPolicy {
	healthyRetryPolicy: RetryPolicy;
	/** Legacy; parsed and kept but never used for delays (AWS no longer documents it). */
	sicklyRetryPolicy: RetryPolicy | null;
	/** null = no throttling. */
	throttlePolicy: ThrottlePolicy | null;
	requestPolicy: RequestPolicy;
	guaranteed: boolean;
}

/** A parsed topic policy, defaults filled in. */
export interface TopicDeliveryPolicy {
	http: {
		defaultHealthyRetryPolicy: RetryPolicy;
		defaultSicklyRetryPolicy: RetryPolicy | null;
		defaultThrottlePolicy: ThrottlePolicy | null;
		defaultRequestPolicy: RequestPolicy;
		disableSubscriptionOverrides: boolean;
	};
}

// ---------------------------------------------------------------------------------------------------------
// Limits and defaults

/** SNS-RETRY-4: the HTTP/S limits. */
export const HTTP_POLICY_LIMITS = {
	/** numRetries: 0–100. */
	maxRetries: 100,
	/** minDelayTarget: at least 1 s. */
	minDelaySeconds: 1,
	/** maxDelayTarget: at most 3,600 s. */
	maxDelaySeconds: 3_600,
	/** All retries of one message must fit within 3,600 s: a hard cap. */
	maxTotalRetrySeconds: 3_600,
	/** maxReceivesPerSecond: 1 or more. */
	minReceivesPerSecond: 1
} as const;

/** SNS-TOP-3, SNS-RETRY-5: an HTTP/S attempt with no 2xx within 15 s has timed out. */
export const HTTP_RESPONSE_TIMEOUT_MS = 15_000;

/** SNS-RETRY-4: messages held back by throttlePolicy wait at most about an hour, then are dropped. */
export const THROTTLED_MESSAGE_MAX_HOLD_MS = 3_600_000;

/** SNS-RETRY-4: the default HTTP/S policy: 3 retries 20 s apart (linear from 20 to 20), 4 attempts. */
export const DEFAULT_HTTP_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	minDelayTarget: 20,
	maxDelayTarget: 20,
	numRetries: 3,
	numNoDelayRetries: 0,
	numMinDelayRetries: 0,
	numMaxDelayRetries: 0,
	backoffFunction: 'linear'
});

/** SNS-RETRY-4: HTTP/S deliveries default to `text/plain; charset=UTF-8`. */
export const DEFAULT_REQUEST_POLICY: Readonly<RequestPolicy> = Object.freeze({
	headerContentType: 'text/plain; charset=UTF-8'
});

/** SNS-RETRY-4: the policy of an HTTP/S subscription that sets none (no throttling). */
export const DEFAULT_DELIVERY_POLICY: Readonly<DeliveryPolicy> = Object.freeze({
	healthyRetryPolicy: DEFAULT_HTTP_RETRY_POLICY,
	sicklyRetryPolicy: null,
	throttlePolicy: null,
	requestPolicy: DEFAULT_REQUEST_POLICY,
	guaranteed: false
});

/**
 * SNS-RETRY-2: AWS-managed endpoints (SQS, Lambda, Firehose except when it throttles). 3 immediate; 2 at 1 s;
 * 10 backing off exponentially from 1 s to 20 s; 100,000 at 20 s: 100,015 retries over about 23 days. (AWS's
 * table calls them "100,015 attempts"; here they are retries after the initial attempt.) Not changeable.
 */
export const AWS_MANAGED_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	minDelayTarget: 1,
	maxDelayTarget: 20,
	numRetries: 100_015,
	numNoDelayRetries: 3,
	numMinDelayRetries: 2,
	numMaxDelayRetries: 100_000,
	backoffFunction: 'exponential'
});

/**
 * SNS-RETRY-3: customer-managed, non-HTTP endpoints (email/SMTP, SMS, mobile push) and Firehose when it
 * throttles (SNS-RETRY-2). 0 immediate; 2 at 10 s; 10 backing off exponentially from 10 s to 600 s; 38 at
 * 600 s: 50 retries over about 6 hours. Not changeable.
 */
export const CUSTOMER_MANAGED_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	minDelayTarget: 10,
	maxDelayTarget: 600,
	numRetries: 50,
	numNoDelayRetries: 0,
	numMinDelayRetries: 2,
	numMaxDelayRetries: 38,
	backoffFunction: 'exponential'
});

// ---------------------------------------------------------------------------------------------------------
// Errors

/** Where the policy came from: Set*Attributes, or the Attributes map of Subscribe/CreateTopic. */
export type PolicySource = 'SetAttributes' | 'Attributes';

/**
 * An invalid DeliveryPolicy: AWS's `InvalidParameter` (SDK name `InvalidParameterException`). `detail` is the
 * part after "DeliveryPolicy: ". Through an Attributes map AWS words it "Invalid parameter: Attributes
 * Reason: DeliveryPolicy: …" (seen in real responses).
 */
export class DeliveryPolicyError extends AwsError {
	readonly detail: string;
	constructor(detail: string, source: PolicySource = 'SetAttributes') {
		super(
			'InvalidParameterException',
			source === 'Attributes'
				? `Invalid parameter: Attributes Reason: DeliveryPolicy: ${detail}`
				: `Invalid parameter: DeliveryPolicy: ${detail}`
		);
		this.detail = detail;
	}
}

export interface ParseOptions {
	source?: PolicySource;
}

// ---------------------------------------------------------------------------------------------------------
// Parsing and validation (SNS-RETRY-4)

type Json = Record<string, unknown>;

function jsonKind(value: unknown): string {
	if (value === null) return 'a null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

/** `path.key`, or just `key` at the top of the document. */
function at(path: string, key: string): string {
	return path === '' ? key : `${path}.${key}`;
}

class Reader {
	constructor(private readonly source: PolicySource) {}

	fail(detail: string): never {
		throw new DeliveryPolicyError(detail, this.source);
	}

	/** The document itself: a JSON string (empty = no policy) or an already parsed object. */
	document(input: string | object): Json | undefined {
		let value: unknown = input;
		if (typeof input === 'string') {
			if (input.trim() === '') return undefined; // [sim] an empty attribute value means "no policy"
			try {
				value = JSON.parse(input);
			} catch {
				this.fail('failed to parse JSON'); // (unverified wording)
			}
		}
		if (value === null || typeof value !== 'object' || Array.isArray(value))
			this.fail('failed to parse JSON');
		return value as Json;
	}

	/** An optional nested object: undefined when absent or null. */
	object(parent: Json, key: string, path: string): Json | undefined {
		const v = parent[key];
		if (v === undefined || v === null) return undefined;
		if (typeof v !== 'object' || Array.isArray(v)) {
			this.fail(`${path} type mismatch, expecting object, received ${jsonKind(v)}`); // (unverified)
		}
		return v as Json;
	}

	/** Reject members AWS does not know ("Unexpected JSON member: …"). */
	members(o: Json, allowed: readonly string[]): void {
		for (const key of Object.keys(o)) if (!allowed.includes(key)) this.fail(`Unexpected JSON member: ${key}`);
	}

	integer(o: Json, key: string, path: string): number | undefined {
		const v = o[key];
		if (v === undefined || v === null) return undefined;
		if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
			this.fail(`${at(path, key)} type mismatch, expecting integer, received ${jsonKind(v)}`);
		}
		return v;
	}

	required(o: Json, key: string, path: string): number {
		const v = this.integer(o, key, path);
		if (v === undefined) this.fail(`${at(path, key)} must be specified`);
		return v;
	}

	boolean(o: Json, key: string, path: string): boolean | undefined {
		const v = o[key];
		if (v === undefined || v === null) return undefined;
		if (typeof v !== 'boolean')
			this.fail(`${at(path, key)} type mismatch, expecting boolean, received ${jsonKind(v)}`);
		return v;
	}

	string(o: Json, key: string, path: string): string | undefined {
		const v = o[key];
		if (v === undefined || v === null) return undefined;
		if (typeof v !== 'string')
			this.fail(`${at(path, key)} type mismatch, expecting string, received ${jsonKind(v)}`);
		return v;
	}

	atLeast(value: number, min: number, what: string): void {
		if (value < min) this.fail(`${what} must be greater than or equal to ${min}`);
	}

	atMost(value: number, max: number, what: string): void {
		if (value > max) this.fail(`${what} must be less than or equal to ${max}`);
	}

	/** SNS-RETRY-4: a healthyRetryPolicy (or sickly / topic default) at `path`. */
	retryPolicy(o: Json, path: string): RetryPolicy {
		this.members(o, [
			'minDelayTarget',
			'maxDelayTarget',
			'numRetries',
			'numNoDelayRetries',
			'numMinDelayRetries',
			'numMaxDelayRetries',
			'backoffFunction'
		]);
		// Required whenever the policy is given, in this order (AWS reports minDelayTarget first).
		const minDelayTarget = this.required(o, 'minDelayTarget', path);
		const maxDelayTarget = this.required(o, 'maxDelayTarget', path);
		const numRetries = this.required(o, 'numRetries', path);
		const numNoDelayRetries = this.integer(o, 'numNoDelayRetries', path) ?? 0;
		const numMinDelayRetries = this.integer(o, 'numMinDelayRetries', path) ?? 0;
		const numMaxDelayRetries = this.integer(o, 'numMaxDelayRetries', path) ?? 0;
		const fn = this.string(o, 'backoffFunction', path)?.toLowerCase() ?? 'linear'; // case: (unverified)

		const L = HTTP_POLICY_LIMITS;
		this.atLeast(minDelayTarget, L.minDelaySeconds, `${path}.minDelayTarget`);
		this.atMost(maxDelayTarget, L.maxDelaySeconds, `${path}.maxDelayTarget`);
		if (maxDelayTarget < minDelayTarget) {
			this.fail(`${path}.maxDelayTarget must be greater than or equal to minDelayTarget`);
		}
		this.atMost(numRetries, L.maxRetries, `${path}.numRetries`);
		this.atLeast(numRetries, 0, `${path}.numRetries`);
		this.atLeast(numNoDelayRetries, 0, `${path}.numNoDelayRetries`);
		this.atLeast(numMinDelayRetries, 0, `${path}.numMinDelayRetries`);
		this.atLeast(numMaxDelayRetries, 0, `${path}.numMaxDelayRetries`);
		if (numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries > numRetries) {
			this.fail(
				`${path}.numRetries must be greater than or equal to total of numMinDelayRetries, numNoDelayRetries and numMaxDelayRetries`
			);
		}
		if (!(BACKOFF_FUNCTIONS as readonly string[]).includes(fn)) {
			this.fail(`${path}.backoffFunction must be one of: ${BACKOFF_FUNCTIONS.join(', ')}`);
		}
		const policy: RetryPolicy = {
			minDelayTarget,
			maxDelayTarget,
			numRetries,
			numNoDelayRetries,
			numMinDelayRetries,
			numMaxDelayRetries,
			backoffFunction: fn as BackoffFunction
		};
		// SNS-RETRY-4: all retries must fit within 3,600 s, summed with the [sim] curves of SNS-RETRY-6, so a
		// policy right at the edge may be judged differently from AWS. (Wording unverified.)
		const total = totalRetryTimeMs(policy) / 1000;
		if (total > L.maxTotalRetrySeconds) {
			this.fail(
				`${path}: the total retry time (${Math.ceil(total)} seconds) must be less than or equal to ${L.maxTotalRetrySeconds} seconds`
			);
		}
		return policy;
	}

	throttlePolicy(o: Json, path: string): ThrottlePolicy | null {
		this.members(o, ['maxReceivesPerSecond']);
		const n = this.integer(o, 'maxReceivesPerSecond', path);
		if (n === undefined) return null;
		this.atLeast(n, HTTP_POLICY_LIMITS.minReceivesPerSecond, `${path}.maxReceivesPerSecond`);
		return { maxReceivesPerSecond: n };
	}

	/** Any non-empty string; AWS documents a list of content types that is not checked here (unverified). */
	requestPolicy(o: Json, path: string): RequestPolicy | undefined {
		this.members(o, ['headerContentType']);
		const type = this.string(o, 'headerContentType', path);
		if (type === undefined) return undefined;
		if (type.trim() === '') this.fail(`${path}.headerContentType must not be empty`);
		return { headerContentType: type };
	}
}

/** What a subscription policy sets, section by section (undefined = not set). */
interface SubscriptionSections {
	healthyRetryPolicy?: RetryPolicy;
	sicklyRetryPolicy?: RetryPolicy;
	throttlePolicy?: ThrottlePolicy | null;
	requestPolicy?: RequestPolicy;
	guaranteed?: boolean;
}

function readSubscription(input: string | object, source: PolicySource): SubscriptionSections {
	const r = new Reader(source);
	const doc = r.document(input);
	if (!doc) return {};
	r.members(doc, [
		'healthyRetryPolicy',
		'sicklyRetryPolicy',
		'throttlePolicy',
		'requestPolicy',
		'guaranteed'
	]);
	const out: SubscriptionSections = {};
	const healthy = r.object(doc, 'healthyRetryPolicy', 'healthyRetryPolicy');
	if (healthy) out.healthyRetryPolicy = r.retryPolicy(healthy, 'healthyRetryPolicy');
	const sickly = r.object(doc, 'sicklyRetryPolicy', 'sicklyRetryPolicy');
	if (sickly) out.sicklyRetryPolicy = r.retryPolicy(sickly, 'sicklyRetryPolicy');
	const throttle = r.object(doc, 'throttlePolicy', 'throttlePolicy');
	if (throttle) out.throttlePolicy = r.throttlePolicy(throttle, 'throttlePolicy');
	const request = r.object(doc, 'requestPolicy', 'requestPolicy');
	const requestPolicy = request ? r.requestPolicy(request, 'requestPolicy') : undefined;
	if (requestPolicy) out.requestPolicy = requestPolicy;
	const guaranteed = r.boolean(doc, 'guaranteed', '');
	if (guaranteed !== undefined) out.guaranteed = guaranteed;
	return out;
}

interface TopicSections {
	healthyRetryPolicy?: RetryPolicy;
	sicklyRetryPolicy?: RetryPolicy;
	throttlePolicy?: ThrottlePolicy | null;
	requestPolicy?: RequestPolicy;
	disableSubscriptionOverrides: boolean;
}

function readTopic(input: string | object, source: PolicySource): TopicSections {
	const r = new Reader(source);
	const doc = r.document(input);
	const out: TopicSections = { disableSubscriptionOverrides: false };
	if (!doc) return out;
	r.members(doc, ['http']); // {"throttlePolicy": …} at the top gives "Unexpected JSON member: throttlePolicy"
	const http = r.object(doc, 'http', 'http');
	if (!http) return out;
	r.members(http, [
		'defaultHealthyRetryPolicy',
		'defaultSicklyRetryPolicy',
		'defaultThrottlePolicy',
		'defaultRequestPolicy',
		'disableSubscriptionOverrides'
	]);
	const healthy = r.object(http, 'defaultHealthyRetryPolicy', 'http.defaultHealthyRetryPolicy');
	if (healthy) out.healthyRetryPolicy = r.retryPolicy(healthy, 'http.defaultHealthyRetryPolicy');
	const sickly = r.object(http, 'defaultSicklyRetryPolicy', 'http.defaultSicklyRetryPolicy');
	if (sickly) out.sicklyRetryPolicy = r.retryPolicy(sickly, 'http.defaultSicklyRetryPolicy');
	const throttle = r.object(http, 'defaultThrottlePolicy', 'http.defaultThrottlePolicy');
	if (throttle) out.throttlePolicy = r.throttlePolicy(throttle, 'http.defaultThrottlePolicy');
	const request = r.object(http, 'defaultRequestPolicy', 'http.defaultRequestPolicy');
	const requestPolicy = request ? r.requestPolicy(request, 'http.defaultRequestPolicy') : undefined;
	if (requestPolicy) out.requestPolicy = requestPolicy;
	out.disableSubscriptionOverrides = r.boolean(http, 'disableSubscriptionOverrides', 'http') ?? false;
	return out;
}

/**
 * SNS-RETRY-4: parse and validate a subscription's DeliveryPolicy (a JSON string or an object) and fill in
 * the defaults. Throws DeliveryPolicyError ("Invalid parameter: DeliveryPolicy: …") on the first problem.
 */
export function parseDeliveryPolicy(json: string | object, options: ParseOptions = {}): DeliveryPolicy {
	const s = readSubscription(json, options.source ?? 'SetAttributes');
	return {
		healthyRetryPolicy: { ...(s.healthyRetryPolicy ?? DEFAULT_HTTP_RETRY_POLICY) },
		sicklyRetryPolicy: s.sicklyRetryPolicy ?? null,
		throttlePolicy: s.throttlePolicy ?? null,
		requestPolicy: { ...(s.requestPolicy ?? DEFAULT_REQUEST_POLICY) },
		guaranteed: s.guaranteed ?? false
	};
}

/** SNS-RETRY-4: parse and validate a topic's DeliveryPolicy ({"http": {"defaultHealthyRetryPolicy": …}}). */
export function parseTopicDeliveryPolicy(
	json: string | object,
	options: ParseOptions = {}
): TopicDeliveryPolicy {
	const t = readTopic(json, options.source ?? 'SetAttributes');
	return {
		http: {
			defaultHealthyRetryPolicy: { ...(t.healthyRetryPolicy ?? DEFAULT_HTTP_RETRY_POLICY) },
			defaultSicklyRetryPolicy: t.sicklyRetryPolicy ?? null,
			defaultThrottlePolicy: t.throttlePolicy ?? null,
			defaultRequestPolicy: { ...(t.requestPolicy ?? DEFAULT_REQUEST_POLICY) },
			disableSubscriptionOverrides: t.disableSubscriptionOverrides
		}
	};
}

/**
 * SNS-RETRY-4: the policy an HTTP/S subscription actually gets. The topic's `http` defaults apply to every
 * HTTP/S subscription; the subscription's own sections win unless the topic sets
 * `disableSubscriptionOverrides`. [sim] Precedence is decided section by section (retry, throttle, request),
 * which AWS does not spell out. Both documents are validated; either may be absent or empty.
 */
export function effectiveDeliveryPolicy(
	subscriptionPolicy?: string | object | null,
	topicPolicy?: string | object | null,
	options: ParseOptions = {}
): DeliveryPolicy {
	const source = options.source ?? 'SetAttributes';
	const t = topicPolicy == null ? undefined : readTopic(topicPolicy, source);
	const s = subscriptionPolicy == null ? {} : readSubscription(subscriptionPolicy, source);
	const own: SubscriptionSections = t?.disableSubscriptionOverrides ? {} : s;
	return {
		healthyRetryPolicy: { ...(own.healthyRetryPolicy ?? t?.healthyRetryPolicy ?? DEFAULT_HTTP_RETRY_POLICY) },
		sicklyRetryPolicy: own.sicklyRetryPolicy ?? t?.sicklyRetryPolicy ?? null,
		throttlePolicy: (own.throttlePolicy !== undefined ? own.throttlePolicy : t?.throttlePolicy) ?? null,
		requestPolicy: { ...(own.requestPolicy ?? t?.requestPolicy ?? DEFAULT_REQUEST_POLICY) },
		guaranteed: s.guaranteed ?? false
	};
}

// ---------------------------------------------------------------------------------------------------------
// Schedules per protocol (SNS-RETRY-2..4)

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

/** A parsed DeliveryPolicy, a bare retry policy, or nothing (= the default). */
export type DeliveryPolicyLike = DeliveryPolicy | Readonly<RetryPolicy> | null | undefined;

function healthyOf(policy: DeliveryPolicyLike): Readonly<RetryPolicy> | undefined {
	if (!policy) return undefined;
	return 'healthyRetryPolicy' in policy ? policy.healthyRetryPolicy : policy;
}

/**
 * SNS-RETRY-2..4: the retry policy that governs a delivery. Only HTTP/S looks at `policy` (a parsed
 * DeliveryPolicy or a bare retry policy; absent = the HTTP/S default); every other protocol has a fixed
 * schedule that no policy changes. `throttled` picks Firehose's customer-managed schedule.
 */
export function retryPolicyFor(
	protocol: SnsProtocol,
	policy?: DeliveryPolicyLike,
	options: { throttled?: boolean } = {}
): Readonly<RetryPolicy> {
	switch (endpointClass(protocol, options)) {
		case 'aws-managed':
			return AWS_MANAGED_RETRY_POLICY;
		case 'customer-managed':
			return CUSTOMER_MANAGED_RETRY_POLICY;
		case 'http':
			return healthyOf(policy) ?? DEFAULT_HTTP_RETRY_POLICY;
	}
}

// ---------------------------------------------------------------------------------------------------------
// Delays (SNS-RETRY-1, SNS-RETRY-4, SNS-RETRY-6)

export type RetryPhaseName = 'immediate' | 'pre-backoff' | 'backoff' | 'post-backoff';

export interface RetryPhase {
	phase: RetryPhaseName;
	/** Retries in this phase (may be 0). */
	count: number;
	/** Delay of the first and the last retry of the phase (s). */
	fromSeconds: number;
	toSeconds: number;
	/** The curve, for the backoff phase. */
	backoffFunction?: BackoffFunction;
}

/**
 * SNS-RETRY-4: the four phases, in order, always all four. The backoff phase gets numRetries − immediate −
 * pre-backoff − post-backoff retries. Throws RangeError if the phase counts exceed numRetries.
 */
export function retryPhases(policy: Readonly<RetryPolicy>): RetryPhase[] {
	const { numRetries, numNoDelayRetries, numMinDelayRetries, numMaxDelayRetries } = policy;
	const backoff = numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries;
	if (
		backoff < 0 ||
		[numRetries, numNoDelayRetries, numMinDelayRetries, numMaxDelayRetries].some((n) => n < 0)
	) {
		throw new RangeError(
			'the phase counts of a retry policy must be non-negative and sum to at most numRetries'
		);
	}
	const min = policy.minDelayTarget;
	const max = policy.maxDelayTarget;
	return [
		{ phase: 'immediate', count: numNoDelayRetries, fromSeconds: 0, toSeconds: 0 },
		{ phase: 'pre-backoff', count: numMinDelayRetries, fromSeconds: min, toSeconds: min },
		{
			phase: 'backoff',
			count: backoff,
			fromSeconds: min,
			toSeconds: backoff > 1 ? max : min,
			backoffFunction: policy.backoffFunction
		},
		{ phase: 'post-backoff', count: numMaxDelayRetries, fromSeconds: max, toSeconds: max }
	];
}

/**
 * SNS-RETRY-6 [sim]: the delay (s) of backoff retry k of n, rising from min (k = 0) to max (k = n − 1) with
 * t = k/(n−1). AWS only shows a chart, so the curves are approximations: linear min+(max−min)·t; arithmetic
 * min+(max−min)·t²; geometric min·(max/min)^t; exponential min+(max−min)·(2^(6t)−1)/63. [sim] A backoff
 * phase of a single retry uses min.
 */
export function backoffDelaySeconds(
	fn: BackoffFunction,
	min: number,
	max: number,
	k: number,
	n: number
): number {
	if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k >= n) {
		throw new RangeError(`backoff step ${k} is outside 0…${n - 1}`);
	}
	const t = n === 1 ? 0 : k / (n - 1);
	switch (fn) {
		case 'linear':
			return min + (max - min) * t;
		case 'arithmetic':
			return min + (max - min) * t * t;
		case 'geometric':
			return min * powPositive(max / min, t);
		case 'exponential':
			return min + ((max - min) * (powPositive(2, 6 * t) - 1)) / 63;
	}
}

/** SNS-RETRY-1 [sim]: seeded ±10 % jitter on every non-zero delay; none without `random` ("exact" mode). */
export const JITTER_FRACTION = 0.1;

function jittered(ms: number, random: (() => number) | undefined): number {
	if (ms === 0 || !random) return ms;
	const u = random();
	if (!(u >= 0 && u < 1)) throw new RangeError(`random() must return a number in [0, 1), got ${u}`);
	return Math.round(ms * (1 - JITTER_FRACTION + 2 * JITTER_FRACTION * u));
}

/** The exact delay (ms, rounded) of retry `i` within phase `p`: 0, min, the curve, or max. */
function phaseDelayMs(policy: Readonly<RetryPolicy>, p: RetryPhase, i: number): number {
	const seconds =
		p.phase === 'backoff'
			? backoffDelaySeconds(policy.backoffFunction, policy.minDelayTarget, policy.maxDelayTarget, i, p.count)
			: p.fromSeconds;
	return Math.round(seconds * 1000);
}

/**
 * SNS-RETRY-1, -4, -6: the delay in ms before retry `k` (0-based: k = 0 follows the initial attempt), or
 * undefined when the policy allows no retry k. Calls `random` once for a non-zero delay, never for 0.
 */
export function retryDelayMs(
	policy: Readonly<RetryPolicy>,
	k: number,
	random?: () => number
): number | undefined {
	if (!Number.isInteger(k) || k < 0) {
		throw new RangeError(`retry index must be a non-negative integer, got ${k}`);
	}
	let i = k;
	for (const p of retryPhases(policy)) {
		if (i < p.count) return jittered(phaseDelayMs(policy, p, i), random);
		i -= p.count;
	}
	return undefined;
}

/**
 * SNS-RETRY-1..6: every delay, in ms, before each retry of a delivery on `protocol`, in order: immediate
 * (0), pre-backoff (min), backoff (min → max along the curve), post-backoff (max). For SQS, Lambda and
 * Firehose that is 100,015 numbers; `retryDelayMs` steps through them lazily. With `random` (a seeded
 * stream), each non-zero delay gets ±10 % jitter.
 */
export function retryDelaysMs(
	policy: DeliveryPolicyLike,
	protocol: SnsProtocol,
	random?: () => number
): number[] {
	return delaysFor(retryPolicyFor(protocol, policy), random);
}

/** The delays of a given retry policy, in ms (see `retryDelaysMs`). */
export function delaysFor(policy: Readonly<RetryPolicy>, random?: () => number): number[] {
	const out: number[] = [];
	for (const p of retryPhases(policy)) {
		for (let i = 0; i < p.count; i++) out.push(jittered(phaseDelayMs(policy, p, i), random));
	}
	return out;
}

/** SNS-RETRY-4: the sum of all retry delays without jitter, in ms (what the 3,600 s cap limits). */
export function totalRetryTimeMs(policy: Readonly<RetryPolicy>): number {
	let total = 0;
	for (const p of retryPhases(policy)) {
		if (p.phase !== 'backoff') total += p.count * phaseDelayMs(policy, p, 0);
		else for (let i = 0; i < p.count; i++) total += phaseDelayMs(policy, p, i);
	}
	return total;
}

/**
 * SNS-RETRY-5: when the next attempt starts. The delay runs from the end of the failed attempt, and an
 * attempt with no response ends at the 15 s timeout: with a 20 s delay, the retry starts 35 s after the
 * start of the attempt that timed out. `responseMs` is how long the endpoint took to fail; null = no answer.
 */
export function nextAttemptAtMs(attemptStartMs: number, delayMs: number, responseMs: number | null): number {
	const took =
		responseMs === null
			? HTTP_RESPONSE_TIMEOUT_MS
			: Math.min(Math.max(responseMs, 0), HTTP_RESPONSE_TIMEOUT_MS);
	return attemptStartMs + took + delayMs;
}

// ---------------------------------------------------------------------------------------------------------
// Failure classes and the DLQ decision (SNS-RETRY-1, SNS-RETRY-5, SNS-DLQ-2, SNS-TOP-3)

/** Server-side failures are retried; client-side failures never are. */
export type FailureClass = 'client' | 'server';
export type AttemptOutcome = 'success' | FailureClass;

/**
 * SNS-TOP-3, SNS-RETRY-5: classify an HTTP/S response status. 2xx succeeds. 100–101 and 500–599 are
 * server-side (retried). 400–499 are permanent client-side failures (no retry, straight to the DLQ), except
 * 429, whose treatment AWS does not document: by default it counts as throttling, which SNS-RETRY-1 retries
 * (unverified; `retry429: false` makes it a client error). [sim] Any other status (102–199, 3xx, 600+) is
 * not a 2xx and not on AWS's retry list, so it is a client-side failure.
 */
export function classifyHttpStatus(status: number, options: { retry429?: boolean } = {}): AttemptOutcome {
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
 * without retries; a server-side one is retried while the policy lasts, then goes to the DLQ. Without a
 * DLQ the message is dropped (an unreachable DLQ is the caller's business: drop as well).
 * `retriesDone` counts the retries already made (0 after the initial attempt).
 */
export function afterFailedAttempt(
	failure: FailureClass,
	retriesDone: number,
	policy: Readonly<RetryPolicy>,
	hasDeadLetterQueue: boolean,
	random?: () => number
): AfterFailure {
	if (failure === 'server') {
		const delayMs = retryDelayMs(policy, retriesDone, random);
		if (delayMs !== undefined) return { action: 'retry', delayMs };
	}
	return hasDeadLetterQueue ? { action: 'dead-letter' } : { action: 'drop' };
}
