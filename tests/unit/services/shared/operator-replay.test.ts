// Operator actions are part of the scenario, so a run with them stays deterministic: the same scenario and
// seed give the same trace hash, and a run restored from a checkpoint taken before, between or after actions
// (in the same simulation, in a fresh copy as the page restores the worker's checkpoints, or by seeking a
// Timeline) ends with the straight run's hash. The state an action changed travels in the checkpoint.
import { describe, expect, it } from 'vitest';
import { HashSink, MemorySink, Timeline, toJsonl, type Scenario } from '$lib/engine';
import { checkSimulation, Consumer, createSimulation, Producer, SqsQueue } from '$lib/services';
import { scenarioOf, type Json } from './action-helpers';

const nodes: Json[] = [
	{
		id: 'p',
		type: 'producer',
		target: 'q',
		Rate: { type: 'poisson', perSecond: 5 },
		Body: '{pick:ok|ok|slow} {n}',
		Actions: [
			{ action: 'pause', atMs: 4000 },
			{ action: 'set-rate', atMs: 6000, Rate: { type: 'fixed', perSecond: 10 } },
			{ action: 'resume', atMs: 8000 },
			{ action: 'set-rate', atMs: 15_000, Rate: { type: 'burst', size: 3, everySeconds: 1 } }
		]
	},
	{
		id: 'q',
		type: 'sqs-queue',
		VisibilityTimeout: 3,
		Nondeterminism: 'classroom',
		RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 3 },
		Actions: [
			{
				action: 'send-message',
				atMs: 2500,
				MessageBody: 'by hand',
				MessageAttributes: { kind: { DataType: 'String', StringValue: 'manual' } }
			},
			{ action: 'make-poison', atMs: 3000, origin: 'p-5' },
			{ action: 'make-poison', atMs: 10_000, origin: 'op-0@q' }
		]
	},
	{
		id: 'dlq',
		type: 'sqs-queue',
		Nondeterminism: 'off',
		Actions: [{ action: 'start-message-move-task', atMs: 20_000, MaxNumberOfMessagesPerSecond: 5 }]
	},
	{
		id: 'c',
		type: 'consumer',
		source: 'q',
		Workers: 2,
		ProcessingTime: { type: 'exponential', meanMs: 200 },
		Slow: { bodyContains: 'slow', ProcessingTime: { type: 'fixed', ms: 4000 } },
		Failure: { probability: 0.1 },
		Heartbeat: { everySeconds: 1, extendBySeconds: 3 },
		Actions: [
			{ action: 'slow-down', atMs: 5000, factor: 3 },
			{ action: 'crash', atMs: 7000 },
			{ action: 'restart', atMs: 9000 },
			{ action: 'fail-all', atMs: 11_000, on: true },
			{ action: 'fail-all', atMs: 13_000, on: false },
			{ action: 'slow-down', atMs: 14_000, factor: 1 }
		]
	},
	{ id: 'p2', type: 'producer', target: 'q2', Rate: { type: 'fixed', perSecond: 8 } },
	{
		id: 'q2',
		type: 'sqs-queue',
		VisibilityTimeout: 2,
		Actions: [{ action: 'make-poison', atMs: 1000, origin: 'p2-20' }]
	},
	{
		id: 'fnq',
		type: 'lambda',
		source: 'q2',
		BatchSize: 4,
		FunctionResponseTypes: ['ReportBatchItemFailures'],
		ProcessingTime: { type: 'uniform', minMs: 5, maxMs: 40 },
		Actions: [
			{ action: 'fail-all', atMs: 6000, on: true },
			{ action: 'slow-down', atMs: 7000, factor: 50 },
			{ action: 'fail-all', atMs: 9000, on: false },
			{ action: 'slow-down', atMs: 12_000, factor: 0.5 }
		]
	},
	{
		id: 'k',
		type: 'producer',
		target: 's',
		Rate: { type: 'poisson', perSecond: 30 },
		PartitionKey: 'key-{rand:20}'
	},
	{
		id: 's',
		type: 'kinesis-stream',
		ShardCount: 2,
		Actions: [
			{
				action: 'merge',
				atMs: 12_000,
				ShardToMerge: 'shardId-000000000000',
				AdjacentShardToMerge: 'shardId-000000000001'
			},
			{ action: 'split', atMs: 18_000, ShardToSplit: 'shardId-000000000002' }
		]
	},
	{
		id: 'fnk',
		type: 'lambda',
		source: 's',
		BatchSize: 20,
		BisectBatchOnFunctionError: true,
		ProcessingTime: { type: 'fixed', ms: 2 },
		Actions: [
			{ action: 'fail-all', atMs: 5000, on: true },
			{ action: 'fail-all', atMs: 8000, on: false },
			{ action: 'slow-down', atMs: 9000, factor: 2 }
		]
	},
	{ id: 'kcl', type: 'kinesis-consumer', source: 's', Workers: 2, PollIntervalMs: 500 }
];

const scenario = (): Scenario => scenarioOf(nodes, { durationMs: 30_000, seed: 7 });

function straight(s: Scenario) {
	const mem = new MemorySink();
	const hash = new HashSink();
	const sim = createSimulation(s, { sinks: [mem, hash] });
	sim.run();
	return { sim, events: mem.events, hash: hash.digest() };
}

describe('operator actions replay', () => {
	const base = straight(scenario());

	it('every action fired, the run is clean, and the same scenario and seed give the same hash', () => {
		const fired = base.events.filter((e) => e.type === 'operator-action');
		const listed = nodes.reduce((n, node) => n + ((node.Actions as unknown[] | undefined)?.length ?? 0), 0);
		expect(fired.length).toBe(listed);
		expect(checkSimulation(base.sim, base.events)).toEqual([]);
		expect(straight(scenario()).hash).toBe(base.hash);
		// The actions matter: without them the run is another one.
		const without = scenarioOf(
			nodes.map((n) => ({ ...n, ...(n.Actions ? { Actions: [] } : {}) })),
			{ durationMs: 30_000, seed: 7 }
		);
		expect(straight(without).hash).not.toBe(base.hash);
	});

	it('a run restored from a checkpoint before, between or after actions ends with the straight hash', () => {
		for (const at of [2000, 7500, 12_500, 21_000]) {
			const hash = new HashSink();
			const sim = createSimulation(scenario(), { sinks: [hash] });
			sim.runUntil(at);
			const snap = sim.snapshot();
			sim.runUntil(26_000); // wander off
			sim.restore(snap);
			sim.run();
			expect(hash.digest(), `restored at ${at} ms`).toBe(base.hash);
		}
	});

	it("a fresh copy of the run restored from another copy's checkpoint ends with the straight hash", () => {
		for (const at of [2000, 7500, 12_500, 21_000]) {
			const first = createSimulation(scenario(), { sinks: [new HashSink()] });
			first.runUntil(at);
			const snap = structuredClone(first.snapshot());
			const hash = new HashSink();
			const copy = createSimulation(scenario(), { sinks: [hash] });
			copy.supplyAppendLogs(first.appendLogTails({}));
			copy.restore(snap);
			copy.run();
			expect(hash.digest(), `copy restored at ${at} ms`).toBe(base.hash);
		}
	});

	it('the state an action changed is in the checkpoint', () => {
		const sim = createSimulation(scenario());
		const c = () => sim.nodes.get('c') as Consumer;
		const p = () => sim.nodes.get('p') as Producer;
		const q = () => sim.nodes.get('q') as SqsQueue;
		sim.runUntil(2000);
		const before = sim.snapshot();
		sim.runUntil(7500);
		const during = sim.snapshot();
		expect([c().crashed, c().slowFactor, p().paused, p().rate, q().poisonOrigins()]).toEqual([
			true,
			3,
			true,
			{ type: 'fixed', perSecond: 10 },
			['p-5']
		]);
		sim.restore(before);
		expect([c().crashed, c().slowFactor, p().paused, p().rate, q().poisonOrigins()]).toEqual([
			false,
			1,
			false,
			{ type: 'poisson', perSecond: 5 },
			[]
		]);
		sim.restore(during);
		expect([c().crashed, p().paused, q().poisonOrigins()]).toEqual([true, true, ['p-5']]);
		expect(c().workers.every((w) => w.status === 'stopped')).toBe(true);
	});

	it("seeking a Timeline back and forth across the actions gives the straight run's trace", () => {
		const mem = new MemorySink();
		const hash = new HashSink();
		const timeline = new Timeline(createSimulation(scenario(), { sinks: [mem, hash] }), {
			checkpointEveryMs: 3000
		});
		for (const t of [30_000, 4500, 12_345, 6999, 7000, 25_000, 1, 30_000]) timeline.seek(t);
		expect(timeline.checkpointCount).toBeGreaterThan(5);
		expect(toJsonl(mem.events)).toBe(toJsonl(base.events));
		expect(hash.digest()).toBe(base.hash);
	});
});
