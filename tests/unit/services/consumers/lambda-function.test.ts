// What both Lambda event source mappings share (lambda-function.ts): the node's identity, its seeded
// random stream, and the operator's fail-all and slow-down kept in the mapping's state, so checkpoints
// carry them (docs/ARCHITECTURE.md "Operator actions").
import { describe, expect, it } from 'vitest';
import { MemorySink } from '$lib/engine';
import {
	createSimulation,
	LambdaKinesisEventSource,
	LambdaSqsEventSource,
	loadScenario
} from '$lib/services';
import { LambdaFunction } from '$lib/services/consumers/lambda-function';

const actions = [
	{ action: 'fail-all', atMs: 1000, on: true },
	{ action: 'slow-down', atMs: 2000, factor: 3 },
	{ action: 'fail-all', atMs: 3000, on: false }
];

function start() {
	const mem = new MemorySink();
	const sim = createSimulation(
		loadScenario({
			version: 1,
			name: 'fn',
			seed: 1,
			durationMs: 10_000,
			nodes: [
				{ id: 'q', type: 'sqs-queue', QueueName: 'q', Nondeterminism: 'off' },
				{ id: 's', type: 'kinesis-stream', ShardCount: 1 },
				{ id: 'fq', type: 'lambda', source: 'q', ProcessingTime: { type: 'fixed', ms: 1 }, Actions: actions },
				{ id: 'fs', type: 'lambda', source: 's', ProcessingTime: { type: 'fixed', ms: 1 }, Actions: actions }
			]
		}),
		{ sinks: [mem] }
	);
	const fq = sim.nodes.get('fq') as LambdaSqsEventSource;
	const fs = sim.nodes.get('fs') as LambdaKinesisEventSource;
	return { sim, mem, fq, fs };
}

describe('LambdaFunction (both event source mappings)', () => {
	it('ESM-SQS-1/ESM-KIN-1: both mappings are lambda nodes told apart by eventSource', () => {
		const { fq, fs } = start();
		expect([fq.type, fq.eventSource, fs.type, fs.eventSource]).toEqual([
			'lambda',
			'sqs',
			'lambda',
			'kinesis'
		]);
		expect(fq).toBeInstanceOf(LambdaFunction);
		expect(fs).toBeInstanceOf(LambdaFunction);
		expect([fq.id, fs.id]).toEqual(['fq', 'fs']);
	});

	it('ESM-SQS-3/ESM-KIN-3: fail-all and slow-down are traced and change failAll and slowFactor from atMs', () => {
		const { sim, mem, fq, fs } = start();
		const faults = () => [fq.failAll, fq.slowFactor, fs.failAll, fs.slowFactor];
		sim.runUntil(999);
		expect(faults()).toEqual([false, 1, false, 1]);
		sim.runUntil(1000);
		expect(faults()).toEqual([true, 1, true, 1]);
		sim.runUntil(2000);
		expect(faults()).toEqual([true, 3, true, 3]);
		sim.runUntil(3000);
		expect(faults()).toEqual([false, 3, false, 3]);
		const traced = mem.events.filter((e) => e.type === 'operator-action');
		expect(traced.map((e) => [e.t, e.node, e.action])).toEqual([
			[1000, 'fq', 'fail-all'],
			[1000, 'fs', 'fail-all'],
			[2000, 'fq', 'slow-down'],
			[2000, 'fs', 'slow-down'],
			[3000, 'fq', 'fail-all'],
			[3000, 'fs', 'fail-all']
		]);
	});

	it('ESM-SQS-3/ESM-KIN-3: the faults live in the mapping state, so a restored checkpoint has them', () => {
		const { sim, fq, fs } = start();
		sim.runUntil(2500);
		const snap = { q: structuredClone(fq.snapshot()), s: structuredClone(fs.snapshot()) };
		sim.runUntil(3000);
		expect([fq.failAll, fs.failAll]).toEqual([false, false]);
		fq.restore(structuredClone(snap.q));
		fs.restore(structuredClone(snap.s));
		expect([fq.failAll, fq.slowFactor, fs.failAll, fs.slowFactor]).toEqual([true, 3, true, 3]);
	});
});
