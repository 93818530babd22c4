// SNS subscription attributes (FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy,
// DeliveryPolicy): parsing them from Subscribe's Attributes map and from SetSubscriptionAttributes, and
// validating them (SNS-FP-17, SNS-DLQ-1, SNS-RETRY-4). The one place both the topic node and the sandbox
// client read them.

import { awsError, AwsError } from '../shared/errors';
import { scheduleFor } from './retry-policy';
import { JsonSyntaxError, parseJson } from './filter-policy/json';

export interface SubscriptionAttributes {
	FilterPolicy?: string;
	FilterPolicyScope: 'MessageAttributes' | 'MessageBody';
	RawMessageDelivery: boolean;
	/** SNS-DLQ-1: {"deadLetterTargetArn": sqsArn}. */
	RedrivePolicy?: string;
	DeliveryPolicy?: string;
}

/** The attributes SetSubscriptionAttributes accepts. */
export const SUBSCRIPTION_ATTRIBUTE_NAMES: readonly string[] = [
	'FilterPolicy',
	'FilterPolicyScope',
	'RawMessageDelivery',
	'RedrivePolicy',
	'DeliveryPolicy'
];

function invalid(message: string): Error {
	return awsError('InvalidParameterException', `Invalid parameter: ${message}`);
}

/**
 * One attribute set on a copy of `current`, the way SetSubscriptionAttributes does: an empty value removes
 * FilterPolicy, RedrivePolicy and DeliveryPolicy; RawMessageDelivery must be true or false (any case).
 * Unknown names throw "Invalid parameter: AttributeName". Not validated: see checkSubscriptionAttributes.
 */
export function withSubscriptionAttribute(
	current: SubscriptionAttributes,
	name: string,
	value: string
): SubscriptionAttributes {
	const next: SubscriptionAttributes = { ...current };
	if (!setAttribute(next, name, value)) throw invalid(`AttributeName`);
	return next;
}

/** Subscribe's Attributes map (strings) → subscription attributes. SubscriptionRoleArn is accepted and ignored. */
export function parseSubscriptionAttributes(
	attrs: Record<string, string> | undefined
): Partial<SubscriptionAttributes> {
	const out: Partial<SubscriptionAttributes> = {};
	withAttributesReason('Attributes', () => {
		for (const [k, v] of Object.entries(attrs ?? {})) {
			if (k === 'SubscriptionRoleArn') continue;
			if (!setAttribute(out, k, v)) throw invalid(`Unknown attribute ${k}`);
		}
	});
	return out;
}

/**
 * SNS-API-1: the same attribute error is worded differently by the two calls that take attributes: through
 * Subscribe's (or CreateTopic's) Attributes map it reads "Invalid parameter: Attributes Reason: X", through
 * SetSubscriptionAttributes "Invalid parameter: X" (LocalStack test_sns.snapshot.json,
 * test_create_subscriptions_with_attributes vs test_validate_set_sub_attributes; test_sns_filter_policy
 * snapshots). Runs `fn`, rewording an InvalidParameter it throws for the Attributes source.
 */
export function withAttributesReason<T>(source: 'Attributes' | 'SetAttributes', fn: () => T): T {
	try {
		return fn();
	} catch (err) {
		if (source === 'SetAttributes' || !(err instanceof AwsError)) throw err;
		const prefix = 'Invalid parameter: ';
		if (err.name !== 'InvalidParameterException' || !err.message.startsWith(prefix)) throw err;
		if (err.message.startsWith(`${prefix}Attributes Reason: `)) throw err;
		throw awsError(err.name, `${prefix}Attributes Reason: ${err.message.slice(prefix.length)}`);
	}
}

/** Sets (or, for '', removes) one known attribute; false for an unknown name. */
function setAttribute(out: Partial<SubscriptionAttributes>, name: string, value: string): boolean {
	switch (name) {
		case 'FilterPolicy':
			if (value === '') delete out.FilterPolicy;
			else out.FilterPolicy = value;
			return true;
		case 'FilterPolicyScope':
			out.FilterPolicyScope = value as SubscriptionAttributes['FilterPolicyScope'];
			return true;
		case 'RawMessageDelivery': {
			const v = value.toLowerCase();
			// SNS-API-1: "RawMessageDelivery: Invalid value [test-ValUe]. Must be true or false." (recorded).
			if (v !== 'true' && v !== 'false')
				throw invalid(`RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
			out.RawMessageDelivery = v === 'true';
			return true;
		}
		case 'RedrivePolicy':
			if (value === '') delete out.RedrivePolicy;
			else out.RedrivePolicy = value;
			return true;
		case 'DeliveryPolicy':
			if (value === '') delete out.DeliveryPolicy;
			else out.DeliveryPolicy = value;
			return true;
		default:
			return false;
	}
}

export interface AttributeCheckContext {
	/** SNS-DLQ-1: whether the topic is FIFO (its DLQ must match). */
	fifo: boolean;
	/** The subscription's endpoint (SNS-FIFO-1: a FIFO queue on a FIFO topic needs a FIFO DLQ). */
	endpoint?: string;
	/** Subscribe's Attributes map or SetSubscriptionAttributes: how errors are worded (SNS-API-1). */
	source?: 'Attributes' | 'SetAttributes';
	/** The topic's DeliveryPolicy, whose `http` defaults the subscription's policy is combined with. */
	topicDeliveryPolicy?: string;
	/** Parses (and caches) a filter policy; throws the AWS error for an invalid one. */
	filterPolicy: (text: string, scope: 'MessageAttributes' | 'MessageBody') => unknown;
}

/** Validate subscription attributes the way Subscribe / SetSubscriptionAttributes do. */
export function checkSubscriptionAttributes(
	protocol: string,
	attributes: Partial<SubscriptionAttributes>,
	ctx: AttributeCheckContext
): void {
	withAttributesReason(ctx.source ?? 'SetAttributes', () => check(protocol, attributes, ctx));
}

/** "Invalid parameter: RedrivePolicy: failed to parse JSON. …", in the words of AWS's JSON parser (first line). */
function redriveJsonError(text: string): Error {
	let detail = 'Unexpected end-of-input';
	try {
		parseJson(text);
	} catch (err) {
		if (err instanceof JsonSyntaxError) detail = err.message.split('\n')[0] ?? detail;
	}
	return invalid(`RedrivePolicy: failed to parse JSON. ${detail}`);
}

function check(
	protocol: string,
	attributes: Partial<SubscriptionAttributes>,
	ctx: AttributeCheckContext
): void {
	const scope = attributes.FilterPolicyScope ?? 'MessageAttributes';
	if (scope !== 'MessageAttributes' && scope !== 'MessageBody') {
		// Recorded: LocalStack test_sns_filter_policy.snapshot.json (SetSubscriptionAttributes, RandomValue).
		throw invalid(
			`FilterPolicyScope: Invalid value [${String(scope)}]. Please use either MessageBody or MessageAttributes`
		);
	}
	if (attributes.FilterPolicy !== undefined && attributes.FilterPolicy !== '') {
		ctx.filterPolicy(attributes.FilterPolicy, scope); // SNS-FP-17: an invalid policy is rejected, nothing stored.
	}
	if (attributes.RawMessageDelivery && !['sqs', 'http', 'https', 'firehose'].includes(protocol)) {
		throw invalid('RawMessageDelivery: Invalid value [true]. Must be false.');
	}
	if (attributes.RedrivePolicy) {
		let dlq: unknown;
		try {
			dlq = (JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
		} catch {
			throw redriveJsonError(attributes.RedrivePolicy);
		}
		// SNS-API-1: "RedrivePolicy: deadLetterTargetArn is an invalid arn" (test_validate_set_sub_attributes).
		if (typeof dlq !== 'string' || !/^arn:aws:sqs:[^:]+:\d{12}:[^:]+$/.test(dlq)) {
			throw invalid('RedrivePolicy: deadLetterTargetArn is an invalid arn');
		}
		// SNS-FIFO-1: a FIFO queue on a FIFO topic needs a FIFO DLQ; a standard queue on a FIFO topic may use
		// a standard one (LocalStack test_sns.snapshot.json, test_validations_for_fifo).
		const fifoQueue = (ctx.endpoint ?? '').endsWith('.fifo');
		if (ctx.fifo && fifoQueue && !dlq.endsWith('.fifo')) {
			throw invalid('RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.');
		}
		// SNS-DLQ-1: a standard topic's subscription needs a standard DLQ (wording not recorded).
		if (!ctx.fifo && dlq.endsWith('.fifo')) {
			throw invalid(
				'RedrivePolicy: must use a standard queue as DLQ for a subscription to a standard Topic.'
			);
		}
	}
	if (attributes.DeliveryPolicy) scheduleFor(protocol, attributes.DeliveryPolicy, ctx.topicDeliveryPolicy);
}
