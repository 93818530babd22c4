// The inspector's statechart is read from the machine that decides (DESIGN §2): states and transitions come
// from services/sqs/message-lifecycle.ts, and the path a message took is replayed through the same machine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { createSimulation, loadScenario } from '$lib/services';
import { messageLifecycle } from '$lib/services/sqs/message-lifecycle';
import { messageChart, takenTransitions } from '$lib/state/message-chart';

function events(file: string): TraceEvent[] {
	const mem = new MemorySink();
	createSimulation(loadScenario(JSON.parse(readFileSync(`scenarios/${file}`, 'utf8'))), {
		sinks: [mem]
	}).run();
	return mem.events as TraceEvent[];
}

describe('message statechart (inspector)', () => {
	it('SQS-DLQ-1: a poison message is received maxReceiveCount times, then dead-lettered at the next receive', () => {
		const all = events('sqs-poison-dlq.json');
		const dead = all.find((e) => e.type === 'dead-lettered' && e.node === 'payments');
		expect(dead?.msg).toBeDefined();
		const taken = takenTransitions(all, dead?.msg ?? '', 'payments');
		const path = taken.map((t) => t.event);
		// Three deliveries, then the fourth receive's guard held: dead-lettered instead of delivered.
		expect(path.filter((e) => e === 'RECEIVE')).toHaveLength(4);
		expect(taken.at(-1)).toMatchObject({
			event: 'RECEIVE',
			guard: 'maxReceiveCountReached',
			to: 'deadLettered'
		});
		expect(taken.filter((t) => t.guard !== undefined)).toHaveLength(1);
		// SQS-STD-4: each failed receive came back after its visibility timeout.
		expect(path.filter((e) => e === 'VISIBILITY_EXPIRED')).toHaveLength(3);
		// Every step is one the machine allows, and the steps chain.
		for (const [k, t] of taken.entries()) {
			const guards = t.guard ? { [t.guard]: true } : {};
			expect(messageLifecycle.step(t.from, t.event, guards)?.[0]).toBe(t.to);
			if (k > 0) expect(t.from).toBe(taken[k - 1]?.to);
		}
		const chart = messageChart(taken, 'deadLettered');
		const current = chart.states.filter((s) => s.current).map((s) => s.id);
		expect(current).toEqual(['deadLettered']);
		const available = chart.states.find((s) => s.id === 'available');
		expect(available?.edges.filter((e) => e.event === 'RECEIVE')).toEqual([
			{ event: 'RECEIVE', guard: 'maxReceiveCountReached', to: 'deadLettered', taken: true },
			{ event: 'RECEIVE', to: 'inFlight', taken: true }
		]);
		expect(available?.edges.find((e) => e.event === 'PURGE')).toMatchObject({ to: 'purged', taken: false });
		expect(chart.states.find((s) => s.id === 'purged')?.visited).toBe(false);
	});

	it('lists every state and transition of the machine definition', () => {
		const chart = messageChart([], undefined);
		expect(chart.states.map((s) => s.id)).toEqual(messageLifecycle.states);
		const edges = chart.states.reduce((n, s) => n + s.edges.length, 0);
		const expected = messageLifecycle.states.reduce(
			(n, s) =>
				n + messageLifecycle.events.reduce((m, e) => m + messageLifecycle.transitions(s, e).length, 0),
			0
		);
		expect(edges).toBe(expected);
		expect(chart.states.find((s) => s.id === 'deleted')?.final).toBe(true);
	});
});

describe('message statechart with a stray copy', () => {
	it('SQS-STD-3: events of a copy that missed the delete continue after the original was deleted', () => {
		const ev = (type: string, t: number, extra: Record<string, unknown> = {}) =>
			({ type, t, node: 'q', msg: 'm', origin: 'o', ...extra }) as unknown as TraceEvent;
		const taken = takenTransitions(
			[ev('enqueued', 0, { visibleAt: 0 }), ev('received', 1), ev('deleted', 2), ev('received', 5)],
			'm',
			'q'
		);
		expect(taken.map((t) => `${t.from}>${t.to}`)).toEqual([
			'available>inFlight',
			'inFlight>deleted',
			'available>inFlight'
		]);
	});
});
