// createSandbox: an AWS-API-shaped facade over the models on a simulated clock with a seeded random source.
// It is how the models are exercised like the real services: the same calls, shapes and error codes.

import type { TraceEvent, TraceSink } from '../engine/trace';
import type { Nondeterminism } from '../engine/scenario';
import { resolveNondeterminism } from '../services/sqs';
import { SqsClient } from './sqs-client';
import { SnsClient } from './sns-client';
import { KinesisClient } from './kinesis-client';
import { FirehoseClient } from './firehose-client';
import { SandboxWorld } from './world';

export interface SandboxOptions {
	/** Seed of every random choice (ids, sampling, sequence numbers). Default 1. */
	seed?: number;
	/**
	 * SQS-STD-1/-2 [sim]: how standard queues misbehave. Default 'off' (every short poll asks every server,
	 * no copy misses a delete); 'typical' and 'classroom' show duplicates and empty short polls.
	 */
	nondeterminism?: Nondeterminism;
	/**
	 * KIN-15 [sim]: how long a new Kinesis stream stays CREATING (and a deleted one DELETING) before it is
	 * ACTIVE (gone); default 500 ms, 0 allowed. Advance time (advanceTime) to let a new stream become ACTIVE.
	 */
	kinesisStreamCreationMs?: number;
	/** Keep the trace in memory (default true). */
	keepTrace?: boolean;
	sinks?: TraceSink[];
}

export interface Sandbox {
	readonly sqs: SqsClient;
	readonly sns: SnsClient;
	readonly kinesis: KinesisClient;
	readonly firehose: FirehoseClient;
	/** Advance simulated time, firing every timer due on the way (visibility, delays, long polls…). */
	advanceTime(ms: number): void;
	/** Simulated milliseconds since the sandbox was created. */
	now(): number;
	/** Every trace event so far (when keepTrace is on). */
	trace(): readonly TraceEvent[];
	readonly world: SandboxWorld;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
	const seed = options.seed ?? 1;
	if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
		throw new RangeError(`createSandbox: seed must be an integer 0–4294967295 (got ${seed})`);
	}
	const world = new SandboxWorld({
		seed,
		...(options.keepTrace !== undefined ? { keepTrace: options.keepTrace } : {}),
		...(options.sinks ? { sinks: options.sinks } : {})
	});
	const sqs = new SqsClient(world, resolveNondeterminism(options.nondeterminism ?? 'off'));
	const sns = new SnsClient(world, sqs);
	const kinesis = new KinesisClient(
		world,
		options.kinesisStreamCreationMs !== undefined ? { streamCreationMs: options.kinesisStreamCreationMs } : {}
	);
	return {
		sqs,
		sns,
		kinesis,
		firehose: new FirehoseClient(world, kinesis),
		world,
		advanceTime: (ms) => world.advanceTime(ms),
		now: () => world.now(),
		trace: () => world.trace()
	};
}
