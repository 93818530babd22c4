// The Firehose delivery stream node: its source, buffering hints, prefix, and the simulated transform
// function and destination outages.

import * as v from 'valibot';
import { intIn, numIn } from './common';
import { common, Ref, WINDOW_FROM_TO, windowMessage } from './fields';

// Firehose ----------------------------------------------------------------------------------------------

export const FirehoseSchema = v.object({
	...common,
	type: v.literal('firehose'),
	DeliveryStreamName: v.optional(
		v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, _ . -'))
	),
	/** A Kinesis stream to read from; without it, producers put records directly. */
	source: v.optional(Ref),
	/** FH-1: flush at whichever comes first. */
	BufferingHints: v.optional(
		v.object({
			SizeInMBs: v.optional(intIn(1, 128, 'MiB'), 5),
			IntervalInSeconds: v.optional(intIn(0, 900, 'seconds'), 300)
		}),
		{ SizeInMBs: 5, IntervalInSeconds: 300 }
	),
	Prefix: v.optional(v.string(), ''),
	/** FH-3 [sim]: a transform function's outcome per record. */
	Transform: v.optional(
		v.object({
			failWhenContains: v.optional(v.string()),
			dropWhenContains: v.optional(v.string()),
			failureRate: v.optional(numIn(0, 1))
		})
	),
	/** FH-4 [sim]: windows when the S3-like destination rejects writes. */
	Outages: v.optional(
		v.array(
			v.pipe(
				v.object(WINDOW_FROM_TO),
				v.forward(
					v.check((w) => w.toMs >= w.fromMs, windowMessage),
					['toMs']
				)
			)
		)
	)
});
