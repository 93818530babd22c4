// Property tests (fast-check): random queue configurations and workloads, every checker on. A failure
// prints the fast-check seed and the shrunk scenario.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { checkSimulation, createSimulation } from '$lib/services';

const distribution = fc.oneof(
	fc.record({ type: fc.constant('fixed' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
	fc.record({
		type: fc.constant('uniform' as const),
		minMs: fc.integer({ min: 0, max: 500 }),
		maxMs: fc.integer({ min: 500, max: 4000 })
	}),
	fc.record({ type: fc.constant('exponential' as const), meanMs: fc.integer({ min: 1, max: 2000 }) })
);

const workload = fc.record({
	seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
	fifo: fc.boolean(),
	groups: fc.integer({ min: 1, max: 4 }),
	VisibilityTimeout: fc.integer({ min: 0, max: 20 }),
	DelaySeconds: fc.integer({ min: 0, max: 5 }),
	retention: fc.constantFrom(60, 120, 345600),
	maxReceiveCount: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
	nondeterminism: fc.constantFrom('off', 'typical', 'classroom'),
	rate: fc.oneof(
		fc.record({
			type: fc.constant('fixed' as const),
			perSecond: fc.double({ min: 0.5, max: 20, noNaN: true })
		}),
		fc.record({
			type: fc.constant('poisson' as const),
			perSecond: fc.double({ min: 0.5, max: 20, noNaN: true })
		}),
		fc.record({
			type: fc.constant('burst' as const),
			size: fc.integer({ min: 1, max: 30 }),
			everySeconds: fc.integer({ min: 1, max: 15 })
		})
	),
	useLambda: fc.boolean(),
	workers: fc.integer({ min: 1, max: 4 }),
	WaitTimeSeconds: fc.constantFrom(0, 1, 20),
	MaxNumberOfMessages: fc.integer({ min: 1, max: 10 }),
	processing: distribution,
	failure: fc.double({ min: 0, max: 0.6, noNaN: true }),
	/** SQS-STD-5/SQS-FIFO-5: failures released at once, ahead of the rest of a FIFO batch still in flight. */
	release: fc.boolean(),
	heartbeat: fc.boolean(),
	partial: fc.boolean(),
	batchSize: fc.integer({ min: 1, max: 10 })
});

type Workload = typeof workload extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(w: Workload) {
	const suffix = w.fifo ? '.fifo' : '';
	const q = `work${suffix}`;
	const dlq = `dlq${suffix}`;
	const nodes: unknown[] = [
		{
			id: 'producer',
			type: 'producer',
			target: q,
			Rate: w.rate,
			Body: 'm {n} {cycle:a|b|c}',
			...(w.fifo
				? { MessageGroupId: w.groups > 1 ? 'g{n%' + w.groups + '}' : 'g', MessageDeduplicationId: 'd{n}' }
				: {})
		},
		{
			id: q,
			type: 'sqs-queue',
			FifoQueue: w.fifo,
			VisibilityTimeout: w.VisibilityTimeout,
			DelaySeconds: w.DelaySeconds,
			MessageRetentionPeriod: w.retention,
			Nondeterminism: w.nondeterminism,
			...(w.maxReceiveCount !== undefined
				? { RedrivePolicy: { deadLetterTargetArn: dlq, maxReceiveCount: w.maxReceiveCount } }
				: {})
		},
		{ id: dlq, type: 'sqs-queue', FifoQueue: w.fifo, Nondeterminism: w.nondeterminism }
	];
	nodes.push(
		w.useLambda
			? {
					id: 'fn',
					type: 'lambda',
					source: q,
					BatchSize: w.batchSize,
					ProcessingTime: w.processing,
					Timeout: 5,
					Failure: { probability: w.failure },
					FunctionResponseTypes: w.partial ? ['ReportBatchItemFailures'] : []
				}
			: {
					id: 'workers',
					type: 'consumer',
					source: q,
					Workers: w.workers,
					WaitTimeSeconds: w.WaitTimeSeconds,
					MaxNumberOfMessages: w.MaxNumberOfMessages,
					ProcessingTime: w.processing,
					Failure: { probability: w.failure, ...(w.release ? { release: true } : {}) },
					...(w.heartbeat ? { Heartbeat: { everySeconds: 2, extendBySeconds: 5 } } : {})
				}
	);
	return loadScenario({ version: 1, name: 'property', seed: w.seed, durationMs: 90_000, nodes });
}

describe('SQS properties', () => {
	it('SQS-STD-1/SQS-FIFO-5/SQS-DLQ-1: random workloads, released failures included, never break an invariant', () => {
		fc.assert(
			fc.property(workload, (w) => {
				const mem = new MemorySink();
				const sim = createSimulation(scenarioOf(w), { sinks: [mem] });
				sim.run();
				const violations = checkSimulation(sim, mem.events as TraceEvent[]);
				expect(violations).toEqual([]);
			}),
			{ numRuns: 60 }
		);
	});

	it('SQS-STD-1: with nondeterminism off and no failures, nothing is delivered twice', () => {
		fc.assert(
			fc.property(workload, (w) => {
				const quiet = {
					...w,
					nondeterminism: 'off' as const,
					failure: 0,
					processing: { type: 'fixed' as const, ms: 10 },
					VisibilityTimeout: 20,
					useLambda: false
				};
				const mem = new MemorySink();
				createSimulation(scenarioOf(quiet), { sinks: [mem] }).run();
				const received = mem.events.filter((e) => e.type === 'received');
				// Something was received, and each message (by origin, independent of the queue's own
				// duplicate flag) at most once.
				expect(received.length).toBeGreaterThan(0);
				const times = new Map<string, number>();
				for (const e of received)
					times.set(e.origin ?? e.msg ?? '', (times.get(e.origin ?? e.msg ?? '') ?? 0) + 1);
				expect([...times].filter(([, n]) => n > 1)).toEqual([]);
				expect(received.filter((e) => e.type === 'received' && e.duplicate)).toEqual([]);
			}),
			{ numRuns: 25 }
		);
	});
});
