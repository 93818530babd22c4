// Operator actions on an SQS polling consumer: crash, restart, slow-down, fail-all (docs/ARCHITECTURE.md
// "Operator actions"; SQS-STD-4 visibility timeout, SQS-DLQ-1 redrive).
import { describe, expect, it } from 'vitest';
import { MemorySink } from '$lib/engine';
import { Consumer, createSimulation } from '$lib/services';
import { run, scenarioOf, type Json } from '../shared/action-helpers';

/** p sends 3 messages at 0, 100 and 200 ms (no latency) to q (VisibilityTimeout 10 s). */
const producer: Json = {
	id: 'p',
	type: 'producer',
	target: 'q',
	Rate: { type: 'fixed', perSecond: 10 },
	Count: 3,
	LatencyMs: 0
};
const queue = (extra: Json = {}): Json => ({
	id: 'q',
	type: 'sqs-queue',
	VisibilityTimeout: 10,
	Nondeterminism: 'off',
	...extra
});
/** One worker, long polls, takes all 3 at t=500 and processes each for 2 s: 500–2500, 2500–4500, 4500–6500. */
const consumer = (extra: Json = {}): Json => ({
	id: 'c',
	type: 'consumer',
	source: 'q',
	Workers: 1,
	MaxNumberOfMessages: 3,
	WaitTimeSeconds: 20,
	StartAtMs: 500,
	LatencyMs: 0,
	ProcessingTime: { type: 'fixed', ms: 2000 },
	...extra
});

describe('consumer crash and restart', () => {
	const nodes = [
		producer,
		queue(),
		consumer({
			Actions: [
				{ action: 'crash', atMs: 3000 },
				{ action: 'restart', atMs: 5000 }
			]
		})
	];

	it('SQS-STD-4: work in progress is lost; its messages come back after exactly their visibility timeout and are received again', () => {
		const r = run(nodes);
		const first = r.of('received', (e) => e.receiveCount === 1);
		expect(first.map((e) => [e.t, e.origin])).toEqual([
			[500, 'p-1'],
			[500, 'p-2'],
			[500, 'p-3']
		]);
		// p-1 finished before the crash; p-2 was being processed and p-3 waited in the worker's hands.
		expect(r.of('processed', (e) => e.t < 10_500).map((e) => [e.t, e.origin, e.ok])).toEqual([
			[2500, 'p-1', true]
		]);
		expect(r.of('deleted', (e) => e.t < 10_500).map((e) => e.origin)).toEqual(['p-1']);
		const expired = r.of('visibility-expired');
		expect(expired.map((e) => [e.t, e.origin])).toEqual([
			[10_500, 'p-2'],
			[10_500, 'p-3']
		]);
		// Exactly the visibility timeout after the receive: 500 + 10 s.
		for (const e of expired) {
			const got = first.find((f) => f.msg === e.msg);
			expect(e.t - (got?.t ?? 0)).toBe(10_000);
		}
		// The restarted worker's long poll returns as soon as one is visible again (SQS-STD-2): p-2 at once, and
		// p-3, visible since 10.5 s, on its next poll once p-2 is done (2 s later, plus 1 ms).
		expect(r.of('received', (e) => e.receiveCount === 2).map((e) => [e.t, e.origin, e.by])).toEqual([
			[10_500, 'p-2', 'c'],
			[12_501, 'p-3', 'c']
		]);
		expect(r.of('processed').map((e) => [e.t, e.origin, e.ok])).toEqual([
			[2500, 'p-1', true],
			[12_500, 'p-2', true],
			[14_501, 'p-3', true]
		]);
		expect(r.of('operator-action').map((e) => [e.t, e.action, e.cause])).toEqual([
			[3000, 'crash', 'operator'],
			[5000, 'restart', 'operator']
		]);
	});

	it('a crashed consumer polls nothing; its workers are stopped until the restart', () => {
		const sim = createSimulation(scenarioOf(nodes), { sinks: [new MemorySink()] });
		const c = () => sim.nodes.get('c') as Consumer;
		sim.runUntil(2999);
		expect(c().crashed).toBe(false);
		expect(c().workers.map((w) => w.status)).toEqual(['processing']);
		sim.runUntil(3000);
		expect(c().crashed).toBe(true);
		expect(c().workers.map((w) => [w.status, w.batch.length])).toEqual([['stopped', 0]]);
		sim.runUntil(5000);
		expect(c().workers.map((w) => w.status)).toEqual(['polling']);
		const r = run(nodes);
		expect(
			r.events.filter(
				(e) =>
					(e.type === 'received' || e.type === 'receive-empty') && e.by === 'c' && e.t > 3000 && e.t < 5000
			)
		).toEqual([]);
	});

	it('a crash withdraws a waiting long poll: a message sent while crashed waits for the restart', () => {
		const r = run([
			{ ...producer, Count: 1, StartAtMs: 2000 },
			queue(),
			consumer({
				StartAtMs: 0,
				Actions: [
					{ action: 'crash', atMs: 1000 },
					{ action: 'restart', atMs: 4000 }
				]
			})
		]);
		expect(r.of('received').map((e) => [e.t, e.origin])).toEqual([[4000, 'p-1']]);
		// The withdrawn poll (sent at 0 for 20 s) never times out either: the only empty receive is the restarted
		// worker's next long poll (from 6001, after processing for 2 s), 20 s later.
		expect(r.of('receive-empty').map((e) => e.t)).toEqual([26_001]);
	});

	it('a crash stops heartbeats: the message comes back one extension after the last heartbeat', () => {
		const r = run([
			{ ...producer, Count: 1 },
			queue(),
			consumer({
				ProcessingTime: { type: 'fixed', ms: 20_000 },
				Heartbeat: { everySeconds: 1, extendBySeconds: 5 },
				Actions: [
					{ action: 'crash', atMs: 3200 },
					{ action: 'restart', atMs: 3300 }
				]
			})
		]);
		// Heartbeats until the crash only (the restarted worker's own heartbeats start after 7.5 s).
		expect(r.of('visibility-changed', (e) => e.t < 7500).map((e) => [e.t, e.visibleAt])).toEqual([
			[1500, 6500],
			[2500, 7500]
		]);
		// The last extension (at 2500, by 5 s) decides: visible again at 7500, received again then.
		expect(r.of('visibility-expired').map((e) => e.t)).toEqual([7500]);
		expect(r.of('received', (e) => e.receiveCount === 2).map((e) => e.t)).toEqual([7500]);
	});

	it("SQS-DLQ-1: the lost message reaches the queue's DLQ through its redrive policy", () => {
		const r = run([
			{ ...producer, Count: 1 },
			queue({ VisibilityTimeout: 5, RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 1 } }),
			{ id: 'dlq', type: 'sqs-queue', Nondeterminism: 'off' },
			consumer({
				Actions: [
					{ action: 'crash', atMs: 1000 },
					{ action: 'restart', atMs: 2000 }
				]
			})
		]);
		// Received once at 500 (receive count 1 = maxReceiveCount); visible again at 5500, when the waiting
		// long poll's receive moves it on instead of returning it.
		expect(r.of('dead-lettered').map((e) => [e.t, e.origin, e.receiveCount, e.dlq])).toEqual([
			[5500, 'p-1', 1, 'dlq']
		]);
		expect(r.of('enqueued', (e) => e.node === 'dlq').map((e) => [e.t, e.origin])).toEqual([[5500, 'p-1']]);
		expect(r.of('processed')).toEqual([]);
	});

	it('a second crash and a restart of a running consumer change nothing and say so', () => {
		const r = run([
			producer,
			queue(),
			consumer({
				Actions: [
					{ action: 'restart', atMs: 100 },
					{ action: 'crash', atMs: 3000 },
					{ action: 'crash', atMs: 4000 },
					{ action: 'restart', atMs: 5000 }
				]
			})
		]);
		expect(r.of('operator-action').map((e) => [e.t, e.action, e.ignored])).toEqual([
			[100, 'restart', 'not-crashed'],
			[3000, 'crash', undefined],
			[4000, 'crash', 'already-crashed'],
			[5000, 'restart', undefined]
		]);
		// The same outcome as a single crash and restart: all three processed once in the end.
		expect(r.of('processed', (e) => e.ok).map((e) => [e.t, e.origin])).toEqual([
			[2500, 'p-1'],
			[12_500, 'p-2'],
			[14_501, 'p-3']
		]);
	});
});

describe('consumer slow-down and fail-all', () => {
	/** 1 message a second from t=0 (arriving 20 ms later); the consumer short-polls every 20 ms. */
	const steady: Json = {
		id: 'p',
		type: 'producer',
		target: 'q',
		Rate: { type: 'fixed', perSecond: 1 },
		Count: 10
	};

	it('slow-down multiplies processing time from atMs; factor 1 restores it', () => {
		const r = run([
			steady,
			queue(),
			{
				id: 'c',
				type: 'consumer',
				source: 'q',
				ProcessingTime: { type: 'fixed', ms: 100 },
				Actions: [
					{ action: 'slow-down', atMs: 2500, factor: 3 },
					{ action: 'slow-down', atMs: 5500, factor: 0.5 },
					{ action: 'slow-down', atMs: 7500, factor: 1 }
				]
			}
		]);
		const took = r.of('processing-started').map((e) => [Math.floor(e.t / 1000), e.until - e.t]);
		expect(took).toEqual([
			[0, 100],
			[1, 100],
			[2, 100],
			[3, 300],
			[4, 300],
			[5, 300],
			[6, 50],
			[7, 50],
			[8, 100],
			[9, 100]
		]);
		expect(r.of('operator-action').map((e) => e.params)).toEqual([
			{ factor: 3 },
			{ factor: 0.5 },
			{ factor: 1 }
		]);
	});

	it('fail-all on makes every message processed from atMs fail (work in progress included); off restores the rules', () => {
		const r = run(
			[
				steady,
				queue({ VisibilityTimeout: 1 }),
				{
					id: 'c',
					type: 'consumer',
					source: 'q',
					ProcessingTime: { type: 'fixed', ms: 500 },
					Actions: [
						{ action: 'fail-all', atMs: 2200, on: true },
						{ action: 'fail-all', atMs: 5200, on: false }
					]
				}
			],
			{ durationMs: 20_000 }
		);
		const processed = r.of('processed');
		const during = processed.filter((e) => e.t >= 2200 && e.t < 5200);
		expect(during.length).toBeGreaterThanOrEqual(3);
		expect(during.every((e) => !e.ok && e.cause === 'operator-fail-all')).toBe(true);
		expect(processed.filter((e) => e.t < 2200 || e.t >= 5200).every((e) => e.ok)).toBe(true);
		// p-3's processing began before the action (at 2040) and ended after it: it failed too.
		const started = r.of('processing-started', (e) => e.origin === 'p-3')[0];
		expect(started?.t).toBeLessThan(2200);
		expect(processed.find((e) => e.origin === 'p-3')).toMatchObject({
			ok: false,
			cause: 'operator-fail-all'
		});
		// SQS-STD-4: the failures were not deleted; they came back and succeeded once the rule was off.
		expect(new Set(processed.filter((e) => e.ok).map((e) => e.origin))).toEqual(
			new Set(Array.from({ length: 10 }, (_, k) => `p-${k + 1}`))
		);
		expect(r.of('received', (e) => e.receiveCount > 1).length).toBeGreaterThanOrEqual(3);
	});
});
