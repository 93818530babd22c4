// Scenarios the random-scenario property found, shrunk: each once stalled simulated time or tripped a checker
// wrongly. They run with every checker on, twice for determinism (scenarioProblems).
import { describe, expect, it } from 'vitest';
import { scenarioProblems } from '../property/run';

// Plain JSON documents, validated by scenarioProblems like any scenario file.
const problems = (doc: object) => scenarioProblems(doc as Parameters<typeof scenarioProblems>[0]);

describe('shrunk scenarios from the random-scenario property', () => {
	it('a zero-latency consumer short-polling an empty queue lets time pass (SQS-STD-2)', () => {
		const scenario = {
			version: 1,
			name: 'zero-latency consumer',
			seed: 1,
			durationMs: 2000,
			nodes: [
				{ id: 'q', type: 'sqs-queue' },
				{ id: 'c', type: 'consumer', source: 'q', LatencyMs: 0, WaitTimeSeconds: 0 }
			]
		};
		expect(problems(scenario)).toEqual([]);
	});

	it('Lambda FilterCriteria on a queue with VisibilityTimeout 0 does not re-poll at the same instant forever (ESM-SQS-7)', () => {
		const scenario = {
			version: 1,
			name: 'filtered lambda, zero visibility',
			seed: 1,
			durationMs: 5000,
			nodes: [
				{ id: 'q0', type: 'sqs-queue', VisibilityTimeout: 0, Nondeterminism: 'off' },
				{
					id: 'p',
					type: 'producer',
					target: 'q0',
					Rate: { type: 'fixed', perSecond: 1 },
					StartAtMs: 1000,
					Count: 1
				},
				{
					id: 'fn',
					type: 'lambda',
					source: 'q0',
					FilterCriteria: { Filters: [{ Pattern: { body: { order: { kind: ['a'] } } } }] }
				}
			]
		};
		expect(problems(scenario)).toEqual([]);
	});

	it('KIN-11 per-key order is checked per hash key: an ExplicitHashKey may put one partition key on two shards (KIN-1)', () => {
		const producer = (id: string, extra: object) => ({
			id,
			type: 'producer',
			target: 'k0',
			Rate: { type: 'fixed', perSecond: 0.5 },
			Body: 'message {n}',
			PartitionKey: 'k{n%3}',
			...extra
		});
		const scenario = {
			version: 1,
			name: 'explicit hash key',
			seed: 0,
			durationMs: 2000,
			nodes: [
				{ id: 'k0', type: 'kinesis-stream', ShardCount: 1, StreamMode: 'ON_DEMAND', Actions: [] },
				producer('k0-p0', {}),
				producer('k0-p1', { ExplicitHashKey: '0' }),
				{ id: 'k0-r0', type: 'lambda', source: 'k0' }
			]
		};
		expect(problems(scenario)).toEqual([]);
	});

	it('a Kinesis Lambda with no processing time retrying a poison batch lets time pass (ESM-KIN-3)', () => {
		const scenario = {
			version: 1,
			name: 'instant retries',
			seed: 0,
			durationMs: 1000,
			nodes: [
				{ id: 'k0', type: 'kinesis-stream', ShardCount: 1, Actions: [] },
				{
					id: 'k0-p0',
					type: 'producer',
					target: 'k0',
					Rate: { type: 'fixed', perSecond: 0.5 },
					Body: '{pick:ok|ok|ok|poison} {n}'
				},
				{
					id: 'k0-r0',
					type: 'lambda',
					source: 'k0',
					ProcessingTime: { type: 'fixed', ms: 0 },
					Failure: { bodyContains: 'poison' }
				}
			]
		};
		expect(problems(scenario)).toEqual([]);
	});
});
