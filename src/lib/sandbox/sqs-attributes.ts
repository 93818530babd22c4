// SQS queue attributes as the API speaks them: a map of AWS attribute names to *string* values. Parses the
// Attributes of CreateQueue / SetQueueAttributes into a QueueConfig patch with AWS's validation and error
// codes, and formats a queue's state back into GetQueueAttributes' strings.

import { awsError } from '../services/shared';
import { epochMs } from '../services/shared';
import type { QueueConfig, RedriveAllowPolicy, RedrivePolicy } from '../services/sqs';
import {
	DELAY_SECONDS,
	MAX_RECEIVE_COUNT,
	MAXIMUM_MESSAGE_SIZE_BYTES,
	RETENTION_PERIOD_S,
	VISIBILITY_TIMEOUT_S,
	WAIT_TIME_S
} from '../services/sqs';

/** Attributes a caller may set, and the queue types that accept them. */
const SETTABLE: Record<string, 'any' | 'fifo'> = {
	DelaySeconds: 'any',
	MaximumMessageSize: 'any',
	MessageRetentionPeriod: 'any',
	Policy: 'any',
	ReceiveMessageWaitTimeSeconds: 'any',
	VisibilityTimeout: 'any',
	RedrivePolicy: 'any',
	RedriveAllowPolicy: 'any',
	KmsMasterKeyId: 'any',
	KmsDataKeyReusePeriodSeconds: 'any',
	SqsManagedSseEnabled: 'any',
	FifoQueue: 'fifo',
	ContentBasedDeduplication: 'fifo',
	DeduplicationScope: 'fifo',
	FifoThroughputLimit: 'fifo'
};

/** Read-only attributes GetQueueAttributes knows. */
const READ_ONLY = [
	'All',
	'QueueArn',
	'ApproximateNumberOfMessages',
	'ApproximateNumberOfMessagesNotVisible',
	'ApproximateNumberOfMessagesDelayed',
	'CreatedTimestamp',
	'LastModifiedTimestamp'
];

/** Attributes that are stored and echoed but have no effect in the simulation (security, encryption). */
export interface PassiveAttributes {
	Policy?: string;
	KmsMasterKeyId?: string;
	KmsDataKeyReusePeriodSeconds?: string;
	SqsManagedSseEnabled?: string;
}

export interface ParsedAttributes {
	config: Partial<QueueConfig>;
	passive: PassiveAttributes;
	/** RedrivePolicy "" removes it; RedriveAllowPolicy "" likewise. */
	clearRedrivePolicy?: boolean;
	clearRedriveAllowPolicy?: boolean;
}

function invalidValue(name: string): Error {
	return awsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
}

function intAttribute(name: string, value: string, min: number, max: number): number {
	if (!/^-?\d+$/.test(value.trim())) throw invalidValue(name);
	const n = Number(value.trim());
	if (n < min || n > max) throw invalidValue(name);
	return n;
}

function boolAttribute(name: string, value: string): boolean {
	const v = value.trim().toLowerCase();
	if (v === 'true') return true;
	if (v === 'false') return false;
	throw invalidValue(name);
}

/** Whole-number attributes and their bounds. */
const INT_RANGES = {
	DelaySeconds: [DELAY_SECONDS.min, DELAY_SECONDS.max], // SQS-STD-8
	MaximumMessageSize: [MAXIMUM_MESSAGE_SIZE_BYTES.min, MAXIMUM_MESSAGE_SIZE_BYTES.max], // SQS-STD-10
	MessageRetentionPeriod: [RETENTION_PERIOD_S.min, RETENTION_PERIOD_S.max], // SQS-STD-9
	ReceiveMessageWaitTimeSeconds: [WAIT_TIME_S.min, WAIT_TIME_S.max], // SQS-STD-2
	VisibilityTimeout: [VISIBILITY_TIMEOUT_S.min, VISIBILITY_TIMEOUT_S.max] // SQS-STD-4
} as const satisfies Record<string, readonly [number, number]>;

function isIntAttribute(name: string): name is keyof typeof INT_RANGES {
	return Object.prototype.hasOwnProperty.call(INT_RANGES, name);
}

/** A policy's JSON text as a map, or `invalid()` when it is not valid JSON or not a map. */
function jsonMap(value: string, invalid: () => Error): Record<string, unknown> {
	let json: unknown;
	try {
		json = JSON.parse(value);
	} catch {
		throw invalid();
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid();
	return json as Record<string, unknown>;
}

function redriveInvalid(value: string, reason: string): Error {
	return awsError(
		'InvalidParameterValue',
		`Value ${value} for parameter RedrivePolicy is invalid. Reason: ${reason}`
	);
}

/** SQS-DLQ-1: {"deadLetterTargetArn": arn, "maxReceiveCount": 1–1000} (the count may be a string). */
export function parseRedrivePolicy(value: string): RedrivePolicy {
	const o = jsonMap(value, () => redriveInvalid(value, 'Redrive policy is not a valid JSON map.'));
	for (const key of Object.keys(o)) {
		if (key !== 'deadLetterTargetArn' && key !== 'maxReceiveCount') {
			throw redriveInvalid(value, `Only following keys are supported: deadLetterTargetArn, maxReceiveCount.`);
		}
	}
	if (typeof o.deadLetterTargetArn !== 'string' || o.deadLetterTargetArn === '') {
		throw redriveInvalid(value, 'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
	}
	if (o.maxReceiveCount === undefined) {
		throw redriveInvalid(value, 'Redrive policy does not contain mandatory attribute: maxReceiveCount.');
	}
	const raw = o.maxReceiveCount;
	const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isInteger(n) || n < MAX_RECEIVE_COUNT.min || n > MAX_RECEIVE_COUNT.max) {
		throw redriveInvalid(
			value,
			`Invalid value for maxReceiveCount: ${typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : JSON.stringify(raw)}, valid values are from ${MAX_RECEIVE_COUNT.min} to ${MAX_RECEIVE_COUNT.max} both inclusive.`
		);
	}
	return { deadLetterTargetArn: o.deadLetterTargetArn, maxReceiveCount: n };
}

/** SQS-DLQ-2: {"redrivePermission": "allowAll"|"denyAll"|"byQueue", "sourceQueueArns": [...] (byQueue only, ≤ 10)}. */
export function parseRedriveAllowPolicy(value: string): RedriveAllowPolicy {
	const invalid = (reason: string) =>
		awsError(
			'InvalidParameterValue',
			`Value ${value} for parameter RedriveAllowPolicy is invalid. Reason: ${reason}`
		);
	const o = jsonMap(value, () => invalid('Redrive allow policy is not a valid JSON map.'));
	const permission = o.redrivePermission;
	if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
		throw invalid('Invalid value for redrivePermission. Valid values are allowAll, denyAll, byQueue.');
	}
	if (permission !== 'byQueue') {
		if (o.sourceQueueArns !== undefined) {
			throw invalid(`sourceQueueArns can be specified only when redrivePermission is byQueue.`);
		}
		return { redrivePermission: permission };
	}
	const arns = o.sourceQueueArns;
	if (!Array.isArray(arns) || arns.length === 0 || arns.some((a) => typeof a !== 'string')) {
		throw invalid(
			'sourceQueueArns must be a non-empty list of queue ARNs when redrivePermission is byQueue.'
		);
	}
	// SQS-DLQ-2 (unverified: 10)
	if (arns.length > 10) throw invalid('sourceQueueArns can contain at most 10 queue ARNs.');
	return { redrivePermission: 'byQueue', sourceQueueArns: arns as string[] };
}

/**
 * Validate an Attributes map for a queue of the given type. `creating` allows FifoQueue; on an existing
 * queue FifoQueue cannot change (SQS-FIFO-1).
 */
export function parseQueueAttributes(
	attributes: Record<string, string> | undefined,
	fifo: boolean,
	creating: boolean
): ParsedAttributes {
	const out: ParsedAttributes = { config: {}, passive: {} };
	if (!attributes) return out;
	if (typeof attributes !== 'object' || Array.isArray(attributes)) {
		throw awsError('InvalidParameterValue', 'Attributes must be a map of attribute names to string values.');
	}
	const c = out.config;
	for (const [name, rawValue] of Object.entries(attributes)) {
		const scope = SETTABLE[name];
		if (scope === 'fifo' && !fifo && (name === 'DeduplicationScope' || name === 'FifoThroughputLimit')) {
			// SQS-STD-13: FIFO-only, each with its own text (recorded: LocalStack test_sqs.snapshot.json,
			// test_create_standard_queue_with_fifo_attribute_raises_error).
			throw awsError(
				'InvalidAttributeName',
				`You can specify the ${name} only when FifoQueue is set to true.`
			);
		}
		if (scope === undefined || (scope === 'fifo' && !fifo)) {
			throw awsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
		}
		if (typeof rawValue !== 'string') throw invalidValue(name);
		const value = rawValue;
		if (isIntAttribute(name)) {
			const [min, max] = INT_RANGES[name];
			c[name] = intAttribute(name, value, min, max);
			continue;
		}
		switch (name) {
			case 'RedrivePolicy':
				if (value === '') out.clearRedrivePolicy = true;
				else c.RedrivePolicy = parseRedrivePolicy(value);
				break;
			case 'RedriveAllowPolicy':
				if (value === '') out.clearRedriveAllowPolicy = true;
				else c.RedriveAllowPolicy = parseRedriveAllowPolicy(value);
				break;
			case 'FifoQueue': {
				// SQS-FIFO-1 / SQS-STD-13: the type never changes. On a FIFO queue "true" is a no-op and "false" is
				// rejected (recorded: LocalStack test_sqs.snapshot.json, test_set_unsupported_attribute_fifo).
				const b = boolAttribute(name, value);
				if (b !== fifo) {
					if (creating) throw invalidValue(name);
					throw awsError(
						'InvalidAttributeValue',
						'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.'
					);
				}
				break;
			}
			case 'ContentBasedDeduplication':
				c.ContentBasedDeduplication = boolAttribute(name, value); // SQS-FIFO-3
				break;
			case 'DeduplicationScope':
				if (value !== 'queue' && value !== 'messageGroup') throw invalidValue(name); // SQS-FIFO-4
				c.DeduplicationScope = value;
				break;
			case 'FifoThroughputLimit':
				if (value !== 'perQueue' && value !== 'perMessageGroupId') throw invalidValue(name); // SQS-FIFO-9
				c.FifoThroughputLimit = value;
				break;
			case 'KmsDataKeyReusePeriodSeconds':
				intAttribute(name, value, 60, 86_400);
				out.passive.KmsDataKeyReusePeriodSeconds = String(Number(value));
				break;
			case 'SqsManagedSseEnabled':
				out.passive.SqsManagedSseEnabled = String(boolAttribute(name, value));
				break;
			case 'Policy':
				if (value !== '') {
					try {
						JSON.parse(value);
					} catch {
						throw invalidValue(name);
					}
				}
				out.passive.Policy = value;
				break;
			case 'KmsMasterKeyId':
				out.passive.KmsMasterKeyId = value;
				// Recorded: LocalStack test_sqs.snapshot.json, test_set_queue_attributes_default_values: with a KMS
				// key SqsManagedSseEnabled reads "false", and stays so when the key is cleared ("").
				out.passive.SqsManagedSseEnabled = 'false';
				break;
		}
	}
	// Recorded: LocalStack test_sqs.snapshot.json, test_sse_kms_and_sqs_are_mutually_exclusive.
	if (
		attributes.KmsMasterKeyId !== undefined &&
		attributes.KmsMasterKeyId !== '' &&
		typeof attributes.SqsManagedSseEnabled === 'string' &&
		attributes.SqsManagedSseEnabled.trim().toLowerCase() === 'true'
	) {
		throw awsError(
			'InvalidAttributeName',
			'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.'
		);
	}
	// SQS-FIFO-9: high-throughput mode needs DeduplicationScope=messageGroup.
	return out;
}

/** Every name GetQueueAttributes accepts. */
export function isKnownAttributeName(name: string): boolean {
	return name in SETTABLE || READ_ONLY.includes(name);
}

export interface QueueAttributeSource {
	config: Readonly<QueueConfig>;
	passive: PassiveAttributes;
	arn: string;
	counts: { delayed: number; available: number; inFlight: number };
	createdAt: number;
	lastModifiedAt: number;
}

/** GetQueueAttributes: every value a string; timestamps in epoch seconds. */
export function formatQueueAttributes(q: QueueAttributeSource): Record<string, string> {
	const c = q.config;
	const seconds = (simMs: number) => String(Math.floor(epochMs(simMs) / 1000));
	const out: Record<string, string> = {
		QueueArn: q.arn,
		ApproximateNumberOfMessages: String(q.counts.available),
		ApproximateNumberOfMessagesNotVisible: String(q.counts.inFlight),
		ApproximateNumberOfMessagesDelayed: String(q.counts.delayed),
		CreatedTimestamp: seconds(q.createdAt),
		LastModifiedTimestamp: seconds(q.lastModifiedAt),
		VisibilityTimeout: String(c.VisibilityTimeout),
		MaximumMessageSize: String(c.MaximumMessageSize),
		MessageRetentionPeriod: String(c.MessageRetentionPeriod),
		DelaySeconds: String(c.DelaySeconds),
		ReceiveMessageWaitTimeSeconds: String(c.ReceiveMessageWaitTimeSeconds)
	};
	if (q.passive.Policy) out.Policy = q.passive.Policy;
	// Recorded: LocalStack test_sqs.snapshot.json, test_sse_queue_attributes and
	// test_set_queue_attributes_default_values: SqsManagedSseEnabled is always shown; the KMS pair only with a key.
	if (q.passive.KmsMasterKeyId) {
		out.KmsMasterKeyId = q.passive.KmsMasterKeyId;
		out.KmsDataKeyReusePeriodSeconds = q.passive.KmsDataKeyReusePeriodSeconds ?? '300';
	}
	out.SqsManagedSseEnabled = q.passive.SqsManagedSseEnabled ?? 'true';
	if (c.RedrivePolicy) {
		out.RedrivePolicy = JSON.stringify({
			deadLetterTargetArn: c.RedrivePolicy.deadLetterTargetArn,
			maxReceiveCount: c.RedrivePolicy.maxReceiveCount
		});
	}
	if (c.RedriveAllowPolicy) {
		out.RedriveAllowPolicy = JSON.stringify(
			c.RedriveAllowPolicy.redrivePermission === 'byQueue'
				? {
						redrivePermission: 'byQueue',
						sourceQueueArns: c.RedriveAllowPolicy.sourceQueueArns ?? []
					}
				: { redrivePermission: c.RedriveAllowPolicy.redrivePermission }
		);
	}
	if (c.FifoQueue) {
		out.FifoQueue = 'true';
		out.ContentBasedDeduplication = String(c.ContentBasedDeduplication);
		out.DeduplicationScope = c.DeduplicationScope;
		out.FifoThroughputLimit = c.FifoThroughputLimit;
	}
	return out;
}

/** CreateQueue idempotency compares values as SQS would normalise them. */
export function sameAttribute(key: string, current: string | undefined, given: string): boolean {
	if (current === undefined)
		return given === '' || (key === 'ContentBasedDeduplication' && given === 'false');
	if (key === 'RedrivePolicy' || key === 'RedriveAllowPolicy' || key === 'Policy') {
		try {
			return (
				JSON.stringify(normaliseJson(JSON.parse(current))) ===
				JSON.stringify(normaliseJson(JSON.parse(given)))
			);
		} catch {
			return current === given;
		}
	}
	if (/^\d+$/.test(current) && /^\s*\d+\s*$/.test(given)) return Number(current) === Number(given);
	return current.toLowerCase() === given.trim().toLowerCase();
}

function normaliseJson(v: unknown): unknown {
	if (Array.isArray(v)) return v.map(normaliseJson);
	if (v && typeof v === 'object') {
		return Object.fromEntries(
			Object.entries(v as Record<string, unknown>)
				.sort(([a], [b]) => (a < b ? -1 : 1))
				.map(([k, x]) => [k, k === 'maxReceiveCount' ? Number(x) : normaliseJson(x)])
		);
	}
	return v;
}
