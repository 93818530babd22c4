// SNS subscription attributes (FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy,
// DeliveryPolicy): parsing them from Subscribe's Attributes map and from SetSubscriptionAttributes, and
// validating them (SNS-FP-17, SNS-DLQ-1, SNS-RETRY-4). The one place both the topic node and the sandbox
// client read them.

import { awsError } from '../shared/errors';
import { scheduleFor } from './retry-policy';

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
	for (const [k, v] of Object.entries(attrs ?? {})) {
		if (k === 'SubscriptionRoleArn') continue;
		if (!setAttribute(out, k, v)) throw invalid(`Attributes Reason: Unknown attribute ${k}`);
	}
	return out;
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
			if (v !== 'true' && v !== 'false')
				throw invalid(`Attributes Reason: RawMessageDelivery: Invalid value [${value}]`);
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
	const scope = attributes.FilterPolicyScope ?? 'MessageAttributes';
	if (scope !== 'MessageAttributes' && scope !== 'MessageBody') {
		throw invalid('Attributes Reason: FilterPolicyScope: Invalid value [' + String(scope) + ']');
	}
	if (attributes.FilterPolicy !== undefined && attributes.FilterPolicy !== '') {
		ctx.filterPolicy(attributes.FilterPolicy, scope); // SNS-FP-17: an invalid policy is rejected, nothing stored.
	}
	if (attributes.RawMessageDelivery && !['sqs', 'http', 'https', 'firehose'].includes(protocol)) {
		throw invalid('Attributes Reason: RawMessageDelivery: Invalid value [true]. Must be false.');
	}
	if (attributes.RedrivePolicy) {
		let dlq: unknown;
		try {
			dlq = (JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
		} catch {
			throw invalid('RedrivePolicy: Invalid RedrivePolicy: not a valid JSON');
		}
		if (typeof dlq !== 'string' || !dlq.startsWith('arn:aws:sqs:')) {
			throw invalid('RedrivePolicy: deadLetterTargetArn is invalid');
		}
		// SNS-DLQ-1: a FIFO topic needs a FIFO DLQ, a standard topic a standard one.
		if (dlq.endsWith('.fifo') !== ctx.fifo) {
			throw invalid(
				`RedrivePolicy: must use a ${ctx.fifo ? 'FIFO' : 'standard'} queue as a dead-letter queue for this topic`
			);
		}
	}
	if (attributes.DeliveryPolicy) scheduleFor(protocol, attributes.DeliveryPolicy, ctx.topicDeliveryPolicy);
}
