// The SNS DeliveryPolicy (SNS-RETRY-1..6): its types and defaults, the one home of its validation with AWS's
// limits and "Invalid parameter: DeliveryPolicy: …" wording, the precedence of a topic's `http` defaults
// over its HTTP/S subscriptions, and `scheduleFor`, the retry schedule a subscription gets. The schedule
// maths (phases, backoff curves, jitter) live in retry-schedule.ts. Times in the policy JSON are seconds.
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
import { HTTP_POLICY_LIMITS } from './limits';
import {
	AWS_MANAGED_SCHEDULE,
	CUSTOMER_MANAGED_SCHEDULE,
	endpointClass,
	httpSchedule,
	totalRetryTimeMs,
	type EndpointClass,
	type RetrySchedule
} from './retry-schedule';
import { SNS_PROTOCOLS, type SnsProtocol } from './topic-types';

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
// Defaults

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
		return this.typed(o, key, path, 'boolean') as boolean | undefined;
	}

	string(o: Json, key: string, path: string): string | undefined {
		return this.typed(o, key, path, 'string') as string | undefined;
	}

	/** An optional member of a JSON type other than number, undefined when absent or null. */
	private typed(o: Json, key: string, path: string, type: 'boolean' | 'string'): unknown {
		const v = o[key];
		if (v === undefined || v === null) return undefined;
		if (typeof v !== type)
			this.fail(`${at(path, key)} type mismatch, expecting ${type}, received ${jsonKind(v)}`);
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
		const total = totalRetryTimeMs(httpSchedule(policy)) / 1000;
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

/** What a policy sets, section by section (undefined = not set): a subscription's own, or a topic's defaults. */
interface Sections {
	healthyRetryPolicy?: RetryPolicy;
	sicklyRetryPolicy?: RetryPolicy;
	/** null = the section is there but sets no limit. */
	throttlePolicy?: ThrottlePolicy | null;
	requestPolicy?: RequestPolicy;
}

/** The JSON member that holds each section. */
type SectionKeys = Record<keyof Sections, string>;

const SUBSCRIPTION_KEYS: SectionKeys = {
	healthyRetryPolicy: 'healthyRetryPolicy',
	sicklyRetryPolicy: 'sicklyRetryPolicy',
	throttlePolicy: 'throttlePolicy',
	requestPolicy: 'requestPolicy'
};

/** SNS-RETRY-4: a topic's {"http": {…}} holds the defaults for its HTTP/S subscriptions. */
const TOPIC_KEYS: SectionKeys = {
	healthyRetryPolicy: 'defaultHealthyRetryPolicy',
	sicklyRetryPolicy: 'defaultSicklyRetryPolicy',
	throttlePolicy: 'defaultThrottlePolicy',
	requestPolicy: 'defaultRequestPolicy'
};

/** The sections of `o` (at `path`), validated in this order: healthy, sickly, throttle, request. */
function readSections(r: Reader, o: Json, path: string, keys: SectionKeys): Sections {
	const read = <T>(key: string, fn: (section: Json, at: string) => T): T | undefined => {
		const where = at(path, key);
		const section = r.object(o, key, where);
		return section ? fn(section, where) : undefined;
	};
	const out: Sections = {};
	const healthy = read(keys.healthyRetryPolicy, (v, p) => r.retryPolicy(v, p));
	if (healthy) out.healthyRetryPolicy = healthy;
	const sickly = read(keys.sicklyRetryPolicy, (v, p) => r.retryPolicy(v, p));
	if (sickly) out.sicklyRetryPolicy = sickly;
	const throttle = read(keys.throttlePolicy, (v, p) => r.throttlePolicy(v, p));
	if (throttle !== undefined) out.throttlePolicy = throttle;
	const request = read(keys.requestPolicy, (v, p) => r.requestPolicy(v, p));
	if (request) out.requestPolicy = request;
	return out;
}

interface SubscriptionSections extends Sections {
	guaranteed?: boolean;
}

function readSubscription(input: string | object, source: PolicySource): SubscriptionSections {
	const r = new Reader(source);
	const doc = r.document(input);
	if (!doc) return {};
	r.members(doc, [...Object.values(SUBSCRIPTION_KEYS), 'guaranteed']);
	const out: SubscriptionSections = readSections(r, doc, '', SUBSCRIPTION_KEYS);
	const guaranteed = r.boolean(doc, 'guaranteed', '');
	if (guaranteed !== undefined) out.guaranteed = guaranteed;
	return out;
}

interface TopicSections extends Sections {
	disableSubscriptionOverrides: boolean;
}

function readTopic(input: string | object, source: PolicySource): TopicSections {
	const r = new Reader(source);
	const doc = r.document(input);
	if (!doc) return { disableSubscriptionOverrides: false };
	r.members(doc, ['http']); // {"throttlePolicy": …} at the top gives "Unexpected JSON member: throttlePolicy"
	const http = r.object(doc, 'http', 'http');
	if (!http) return { disableSubscriptionOverrides: false };
	r.members(http, [...Object.values(TOPIC_KEYS), 'disableSubscriptionOverrides']);
	const out = readSections(r, http, 'http', TOPIC_KEYS);
	return {
		...out,
		disableSubscriptionOverrides: r.boolean(http, 'disableSubscriptionOverrides', 'http') ?? false
	};
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
// The schedule of a subscription (SNS-RETRY-2..4)

/** The class of a protocol's endpoint; a name that is no SNS protocol counts as customer-managed [sim]. */
function classOf(protocol: string): EndpointClass {
	return (SNS_PROTOCOLS as readonly string[]).includes(protocol)
		? endpointClass(protocol as SnsProtocol)
		: 'customer-managed';
}

const cache = new Map<string, RetrySchedule>();

/**
 * The retry schedule of a subscription: AWS-managed for sqs/lambda/firehose (SNS-RETRY-2), customer-managed
 * for email/sms/application (SNS-RETRY-3), and for http/https the effective policy of the subscription's
 * and the topic's DeliveryPolicy JSON, with its throttlePolicy (SNS-RETRY-4). Only HTTP/S looks at the
 * policies. Throws DeliveryPolicyError on an invalid one.
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
	switch (classOf(protocol)) {
		case 'aws-managed':
			schedule = AWS_MANAGED_SCHEDULE;
			break;
		case 'customer-managed':
			schedule = CUSTOMER_MANAGED_SCHEDULE;
			break;
		case 'http': {
			const policy = effectiveDeliveryPolicy(subscriptionPolicy, topicPolicy);
			schedule = httpSchedule(policy.healthyRetryPolicy, policy.throttlePolicy?.maxReceivesPerSecond);
			break;
		}
	}
	if (cache.size > 1000) cache.clear();
	cache.set(key, schedule);
	return schedule;
}
