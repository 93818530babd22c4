// The poll loop shared by SQS consumer workers and Lambda's SQS pollers (sqs-poller.ts), driven directly: a
// probe node polls a real queue node through SqsPoller on the simulated clock and records what it gets.
import { describe, expect, it } from 'vitest';
import { MemorySink, type SimNode } from '$lib/engine';
import { createSimulation, loadScenario, SqsQueue } from '$lib/services';
import {
	nextPollMs,
	RECEIVE_BACKOFF_MS,
	SqsPoller,
	type PollEvent,
	type ReceiveSlot
} from '$lib/services/consumers/sqs-poller';

function setup() {
	const mem = new MemorySink();
	const sim = createSimulation(
		loadScenario({
			version: 1,
			name: 'poller',
			seed: 1,
			durationMs: 120_000,
			nodes: [{ id: 'q', type: 'sqs-queue', QueueName: 'q', VisibilityTimeout: 30, Nondeterminism: 'off' }]
		}),
		{ sinks: [mem] }
	);
	const events: PollEvent[] = [];
	const again: [number, number][] = [];
	const probe: SimNode & { ctx: typeof sim.context; queueId: string } = {
		id: 'probe',
		type: 'probe',
		ctx: sim.context,
		queueId: 'q',
		start: () => {},
		handle: (e) => void events.push(e as PollEvent),
		snapshot: () => null,
		restore: () => {}
	};
	sim.nodes.set('probe', probe);
	const poller = new SqsPoller(probe, (slot, ms) => void again.push([slot, ms]));
	const queue = sim.nodes.get('q') as SqsQueue;
	const send = (body: string, origin: string) =>
		queue.acceptFromProducer({ MessageBody: body }, { from: 'test', origin });
	const runTo = (t: number) => sim.scheduler.runUntil(t);
	return { sim, mem, events, again, poller, queue, send, runTo };
}

describe('SqsPoller (the SQS consumer and Lambda-SQS poll loop)', () => {
	it('SQS-STD-2: a short poll answers at once, as a GOT event one round trip later', () => {
		const { events, poller, send, runTo, queue } = setup();
		send('hello', 'o-1');
		runTo(0);
		const slot: ReceiveSlot = {};
		poller.receive(slot, 2, 7, { MaxNumberOfMessages: 10 }, 15);
		expect(slot.waiterId).toBeUndefined();
		runTo(14);
		expect(events).toEqual([]);
		runTo(15);
		expect(events.map((e) => Object.keys(e))).toEqual([['type', 'slot', 'tag', 'output']]);
		const got = events[0] as PollEvent;
		expect(got).toMatchObject({ type: 'GOT', slot: 2, tag: 7 });
		const { slot: i, tag, output } = poller.received(got);
		expect([i, tag]).toEqual([2, 7]);
		const [m] = poller.take(slot, output);
		expect(m).toMatchObject({ origin: 'o-1', body: 'hello', receiveCount: 1, sentAt: 0 });
		expect(m?.handle).toBe(output.Messages?.[0]?.ReceiptHandle);
		expect(queue.counts.inFlight).toBe(1); // SQS-STD-4: received, hidden until deleted or timed out.
	});

	it('SQS-STD-2 / ESM-SQS-1: a long poll on an empty queue waits, then answers with RECEIVE_RESULT by request id', () => {
		const { events, poller, send, runTo } = setup();
		const slot: ReceiveSlot = {};
		poller.receive(slot, 1, 4, { MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }, 15);
		expect(slot.waiterId).toBeTypeOf('number');
		runTo(5_000);
		expect(events).toEqual([]);
		send('late', 'o-2');
		runTo(5_000);
		expect(events).toHaveLength(1);
		const result = events[0] as PollEvent;
		expect(result).toMatchObject({ type: 'RECEIVE_RESULT', requestId: '1:4' });
		const { slot: i, tag, output } = poller.received(result);
		expect([i, tag]).toEqual([1, 4]);
		expect(poller.take(slot, output).map((m) => m.origin)).toEqual(['o-2']);
		expect(slot.waiterId).toBeUndefined();
	});

	it('SQS-STD-2: a long poll that finds nothing answers empty when its wait ends', () => {
		const { events, poller, runTo } = setup();
		const slot: ReceiveSlot = {};
		poller.receive(slot, 0, 0, { MaxNumberOfMessages: 1, WaitTimeSeconds: 2 }, 15);
		runTo(1_999);
		expect(events).toEqual([]);
		runTo(2_000);
		expect(events.map((e) => e.type)).toEqual(['RECEIVE_RESULT']);
		expect(poller.take(slot, poller.received(events[0] as PollEvent).output)).toEqual([]);
	});

	it('ESM-SQS-1: withdraw() cancels a waiting long poll, so nothing answers it; false when none waits', () => {
		const { events, poller, send, runTo } = setup();
		const slot: ReceiveSlot = {};
		expect(poller.withdraw(slot)).toBe(false);
		poller.receive(slot, 0, 1, { MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }, 15);
		runTo(1_000);
		expect(poller.withdraw(slot)).toBe(true);
		expect(slot.waiterId).toBeUndefined();
		send('after', 'o-3');
		runTo(60_000);
		expect(events).toEqual([]);
		expect(poller.withdraw(slot)).toBe(false);
	});

	it('SQS-STD-3: a refused receive is traced as receive-throttled and the slot polls again after the back-off', () => {
		const { mem, events, again, poller, runTo } = setup();
		const slot: ReceiveSlot = {};
		poller.receive(slot, 3, 0, { MaxNumberOfMessages: 11 }, 15);
		runTo(10_000);
		expect(events).toEqual([]);
		expect(again).toEqual([[3, RECEIVE_BACKOFF_MS]]);
		const refused = mem.events.filter((e) => e.type === 'receive-throttled');
		expect(refused).toMatchObject([
			{ node: 'probe', by: 'probe', error: 'InvalidParameterValue', cause: 'InvalidParameterValue' }
		]);
	});

	it('SQS-STD-2: the next poll after an empty receive is one round trip later, never the same instant', () => {
		expect(nextPollMs(0)).toBe(1);
		expect(nextPollMs(1)).toBe(1);
		expect(nextPollMs(10)).toBe(10);
	});
});
