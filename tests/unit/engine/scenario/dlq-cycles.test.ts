// Dead-letter cycles (SQS-DLQ-1 allows them): found from the scenario's RedrivePolicy links, counted from
// the trace's dead-lettered events. The CLI summary and "What went wrong" both use these.
import { describe, expect, it } from 'vitest';
import { DlqCycleCounter, dlqCycles, formatDlqCycle, type ScenarioInput } from '$lib/engine';
import { loadScenario } from '$lib/services';

const queue = (id: string, dlq?: string, extra: Record<string, unknown> = {}) => ({
	id,
	type: 'sqs-queue' as const,
	...(dlq ? { RedrivePolicy: { deadLetterTargetArn: dlq, maxReceiveCount: 1 } } : {}),
	...extra
});

const scenario = (nodes: ScenarioInput['nodes']) =>
	loadScenario({ version: 1, name: 'cycles', seed: 1, durationMs: 1000, nodes });

describe('dlqCycles (SQS-DLQ-1)', () => {
	it('finds a two-queue cycle once, starting at the queue listed first', () => {
		const s = scenario([queue('b', 'a'), queue('a', 'b')]);
		expect(dlqCycles(s)).toEqual([{ queues: ['b', 'a'] }]);
		expect(formatDlqCycle({ queues: ['b', 'a'] })).toBe('b → a → b');
	});

	it('finds longer rings and ignores the chains that lead into them', () => {
		const s = scenario([
			queue('in', 'x'),
			queue('x', 'y'),
			queue('y', 'z'),
			queue('z', 'x'),
			queue('ok', 'dlq'),
			queue('dlq')
		]);
		expect(dlqCycles(s)).toEqual([{ queues: ['x', 'y', 'z'] }]);
	});

	it('resolves a DLQ named by id, QueueName or ARN, as the models do', () => {
		const s = scenario([
			queue('a', 'arn:aws:sqs:us-east-1:000000000000:bee'),
			queue('b', 'sea', { QueueName: 'bee' }),
			queue('c', 'a', { QueueName: 'sea' })
		]);
		expect(dlqCycles(s)).toEqual([{ queues: ['a', 'b', 'c'] }]);
	});

	it('reports two separate cycles separately, and none without one', () => {
		const s = scenario([queue('a', 'b'), queue('b', 'a'), queue('c', 'd'), queue('d', 'c')]);
		expect(dlqCycles(s)).toEqual([{ queues: ['a', 'b'] }, { queues: ['c', 'd'] }]);
		expect(dlqCycles(scenario([queue('a', 'b'), queue('b', 'c'), queue('c')]))).toEqual([]);
	});
});

describe('DlqCycleCounter', () => {
	const moved = (t: number, node: string, dlq: string, msg: string) => ({
		type: 'dead-lettered',
		t,
		node,
		dlq,
		msg
	});

	it('counts the moves along each cycle, the messages and the first move', () => {
		const c = new DlqCycleCounter([{ queues: ['a', 'b'] }, { queues: ['x', 'y', 'z'] }]);
		c.write({ type: 'received', t: 1, node: 'a', msg: 'm1' });
		c.write(moved(5, 'a', 'b', 'm1'));
		c.write(moved(7, 'b', 'a', 'm1'));
		c.write(moved(9, 'a', 'b', 'm2'));
		c.write(moved(11, 'y', 'x', 'm3')); // not an edge of the ring x → y → z → x
		c.write(moved(12, 'q', 'dlq', 'm4'));
		expect(c.reports()).toEqual([
			{ queues: ['a', 'b'], moves: 3, messages: 2, firstMoveAt: 5, firstMsg: 'm1' },
			{ queues: ['x', 'y', 'z'], moves: 0, messages: 0 }
		]);
	});
});
