// The Firehose delivery stream node: its source, buffering hints, prefix, and the simulated transform
// function and destination outages.

import * as FH from '../../../services/firehose/limits';
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
			SizeInMBs: v.optional(
				intIn(FH.BUFFER_SIZE_MIB.min, FH.BUFFER_SIZE_MIB.max, 'MiB'),
				FH.BUFFER_SIZE_MIB.default
			),
			IntervalInSeconds: v.optional(
				intIn(FH.BUFFER_INTERVAL_S.min, FH.BUFFER_INTERVAL_S.max, 'seconds'),
				FH.BUFFER_INTERVAL_S.default
			)
		}),
		{ SizeInMBs: FH.BUFFER_SIZE_MIB.default, IntervalInSeconds: FH.BUFFER_INTERVAL_S.default }
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
