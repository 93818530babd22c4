// The SNS topic node and its subscriptions, with the simulated behaviour of non-SQS endpoints.

import * as v from 'valibot';
import { intIn, numIn } from './common';
import { common, JsonText, Ref, WINDOW_FROM_TO, windowMessage } from './fields';

// SNS ---------------------------------------------------------------------------------------------------

const EndpointBehaviourSchema = v.object({
	LatencyMs: v.optional(intIn(0, 600_000, 'ms')),
	ErrorRate: v.optional(numIn(0, 1)),
	ClientErrorRate: v.optional(numIn(0, 1)),
	Outages: v.optional(
		v.array(
			v.pipe(
				v.object({
					...WINDOW_FROM_TO,
					failure: v.optional(
						v.picklist(['status-503', 'timeout', 'connection'], 'must be status-503, timeout or connection')
					)
				}),
				v.forward(
					v.check((w) => w.toMs >= w.fromMs, windowMessage),
					['toMs']
				)
			)
		)
	),
	MaxPerSecond: v.optional(intIn(1, 100_000, 'requests per second')),
	Deleted: v.optional(v.boolean())
});

export const SubscriptionSchema = v.object({
	Protocol: v.picklist(
		['sqs', 'lambda', 'http', 'https', 'email', 'email-json', 'sms', 'application', 'firehose'],
		'must be sqs, lambda, http, https, email, email-json, sms, application or firehose'
	),
	/** A queue's node id for sqs; a URL, address or ARN otherwise. */
	Endpoint: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')),
	FilterPolicy: v.optional(JsonText),
	FilterPolicyScope: v.optional(
		v.picklist(['MessageAttributes', 'MessageBody'], 'must be MessageAttributes or MessageBody')
	),
	RawMessageDelivery: v.optional(v.boolean('must be true or false')),
	RedrivePolicy: v.optional(v.object({ deadLetterTargetArn: Ref })),
	DeliveryPolicy: v.optional(JsonText),
	/** [sim] How the endpoint behaves (HTTP/S, email, SMS). */
	Simulated: v.optional(EndpointBehaviourSchema)
});

export const SnsTopicSchema = v.object({
	...common,
	type: v.literal('sns-topic'),
	TopicName: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/, 'must be 1–256 letters, digits, - and _ (and .fifo)')
		)
	),
	FifoTopic: v.optional(v.boolean('must be true or false'), false),
	ContentBasedDeduplication: v.optional(v.boolean('must be true or false'), false),
	FifoThroughputScope: v.optional(
		v.picklist(['Topic', 'MessageGroup'], 'must be Topic or MessageGroup'),
		'Topic'
	),
	DeliveryPolicy: v.optional(JsonText),
	/** [sim] Time from publish to the first delivery attempt. */
	DeliveryLatencyMs: v.optional(intIn(0, 60_000, 'ms'), 20),
	/** SNS-RETRY-1 [sim]: ±10 % seeded jitter on retry delays. */
	RetryJitter: v.optional(v.boolean(), true),
	Subscriptions: v.optional(
		v.pipe(v.array(SubscriptionSchema), v.maxLength(100, 'must have at most 100 subscriptions')),
		[]
	)
});
