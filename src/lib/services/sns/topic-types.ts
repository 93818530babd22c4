// The data shapes of an SNS topic node: protocols, topic configuration, subscriptions, deliveries and the
// Publish input and output (SNS-TOP-*, SNS-RETRY-*, SNS-FIFO-*).

import type { AttemptOutcome } from './endpoint';
import type { SubscriptionStatus } from './subscription-lifecycle';
import type { DeliveryStatus } from './delivery-lifecycle';
import type { EndpointBehaviour } from './endpoint';
import type { SnsAttributes } from './envelope';
import type { SubscriptionAttributes } from './subscription-attributes';

export const SNS_PROTOCOLS = [
	'sqs',
	'lambda',
	'http',
	'https',
	'email',
	'email-json',
	'sms',
	'application',
	'firehose'
] as const;
export type SnsProtocol = (typeof SNS_PROTOCOLS)[number];

export interface TopicConfig {
	TopicName: string;
	FifoTopic: boolean;
	ContentBasedDeduplication: boolean;
	/** SNS-FIFO-3: Topic (default) or MessageGroup. */
	FifoThroughputScope: 'Topic' | 'MessageGroup';
	DisplayName?: string;
	/** SNS-ENV-1: the envelope's SignatureVersion, '1' (default) or '2'. */
	SignatureVersion?: string;
	/** Topic-level delivery policy JSON (SNS-RETRY-4: {"http": {"defaultHealthyRetryPolicy"…}}). */
	DeliveryPolicy?: string;
	/** [sim] Time from publish to the first delivery attempt. */
	deliveryLatencyMs: number;
	/** SNS-RETRY-1 [sim]: seeded ±10 % jitter on retry delays; false = exact. */
	jitter: boolean;
}

export interface Subscription {
	SubscriptionArn: string;
	Protocol: SnsProtocol;
	Endpoint: string;
	/** SNS-TOP-2: HTTP/S and email wait for confirmation (subscription-lifecycle.ts). */
	status: SubscriptionStatus;
	token: string;
	attributes: SubscriptionAttributes;
	behaviour: EndpointBehaviour;
	/** Attempts started in the current second, for endpoint limits and throttlePolicy. */
	rate: { second: number; count: number };
}

export interface Delivery {
	id: number;
	sub: string;
	msg: string;
	status: DeliveryStatus;
	/** Attempts made so far. */
	attempts: number;
	firstAttemptAt?: number;
	lastError?: string;
	/** After a failed attempt: when the next one is due, and the retry phase it belongs to (SNS-RETRY-2/-4). */
	nextAttemptAt?: number;
	/** When the wait for the next attempt began (the failed attempt's time). */
	waitFrom?: number;
	phase?: string;
}

export interface PublishInput {
	TopicArn?: string;
	Message: string;
	Subject?: string;
	MessageStructure?: string;
	MessageAttributes?: SnsAttributes;
	MessageGroupId?: string;
	MessageDeduplicationId?: string;
}

export interface PublishOutput {
	MessageId: string;
	SequenceNumber?: string;
}

/** The events a topic schedules on itself: a delivery attempt, and its outcome after the endpoint answered. */
export type TopicEvent =
	{ type: 'ATTEMPT'; delivery: number } | { type: 'ATTEMPT_DONE'; delivery: number; outcome: AttemptOutcome };
