// The producer node: a rate of messages sent to a queue, topic, stream or delivery stream, their bodies and
// attributes, and the operator actions on a producer.

import * as v from 'valibot';
// The service's numbers (a leaf module of data; the engine imports nothing else of a service).
import * as SQS from '../../../services/sqs/limits';
import { intIn, numIn, rangeIn } from './common';
import { AT_MS, AttributeValueSchema, common, Ref } from './fields';

const RateSchema = v.variant(
	'type',
	[
		v.object({ type: v.literal('fixed'), perSecond: numIn(0.001, 100000, 'messages per second') }),
		v.object({ type: v.literal('poisson'), perSecond: numIn(0.001, 100000, 'messages per second') }),
		v.object({
			type: v.literal('burst'),
			size: intIn(1, 10000, 'messages'),
			everySeconds: numIn(0.001, 86400, 'seconds')
		})
	],
	'must be fixed, poisson or burst'
);

// Producers ---------------------------------------------------------------------------------------------

/** Operator actions on a producer (see ProducerSchema.Actions). */
const ProducerActionSchema = v.variant(
	'action',
	[
		v.object({ action: v.literal('pause'), atMs: AT_MS }),
		v.object({ action: v.literal('resume'), atMs: AT_MS }),
		v.object({ action: v.literal('set-rate'), atMs: AT_MS, Rate: RateSchema })
	],
	'must be pause, resume or set-rate'
);

export const ProducerSchema = v.object({
	...common,
	type: v.literal('producer'),
	target: Ref,
	Rate: RateSchema,
	/** Stop after this many messages (unbounded when absent). */
	Count: v.optional(intIn(1, 100_000_000, 'messages')),
	StartAtMs: v.optional(intIn(0, 1_000_000_000, 'ms'), 0),
	/** Body template: {n} counter, {n%K}, {cycle:a|b|c}, {rand:K}, {pick:a|b}. */
	Body: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty')), 'message {n}'),
	MessageAttributes: v.optional(v.record(v.string(), AttributeValueSchema)),
	MessageGroupId: v.optional(v.string()),
	MessageDeduplicationId: v.optional(v.string()),
	/** Pads each body with spaces up to this many bytes (to load byte limits such as KIN-4's 1 MiB/s). */
	PayloadBytes: v.optional(intIn(1, 1_048_576, 'bytes')),
	/** Kinesis targets: the partition key template (KIN-1); defaults to the message's own id. */
	PartitionKey: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
	ExplicitHashKey: v.optional(v.pipe(v.string(), v.regex(/^\d{1,39}$/, 'must be a decimal hash key'))),
	DelaySeconds: v.optional(rangeIn(SQS.DELAY_SECONDS, 'seconds')),
	/** Simulated network latency of one API call, producer to service [sim]. */
	LatencyMs: v.optional(intIn(0, 60000, 'ms'), 20),
	/** Operator actions during the run: pause, resume, a new rate (docs/ARCHITECTURE.md "Operator actions"). */
	Actions: v.optional(v.array(ProducerActionSchema), [])
});

export type ProducerRate = v.InferOutput<typeof RateSchema>;
