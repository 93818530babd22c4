// DESIGN §2 "machines decide": guards and named effects live on the machine; the compiled table returns
// [next, effects] and evaluates guards in the machine's order.
import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileMachine } from '$lib/services/shared/compile-machine';
import { messageLifecycle } from '$lib/services/sqs/message-lifecycle';

type S = 'available' | 'inFlight' | 'deadLettered';
type E = 'RECEIVE' | 'VISIBILITY_EXPIRED';

const machine = setup({
	types: { events: {} as { type: E } },
	guards: { maxReceiveReached: () => false },
	actions: { armVisibility: () => undefined, emitReceived: () => undefined, moveToDlq: () => undefined }
}).createMachine({
	id: 'demo',
	initial: 'available',
	states: {
		available: {
			on: {
				RECEIVE: [
					// SQS-DLQ-1: moved at receive time once the receive count reached maxReceiveCount.
					{ guard: 'maxReceiveReached', target: 'deadLettered', actions: 'moveToDlq' },
					{ target: 'inFlight', actions: ['armVisibility', 'emitReceived'] }
				]
			}
		},
		inFlight: { on: { VISIBILITY_EXPIRED: 'available' } },
		deadLettered: { type: 'final' }
	}
});

describe('compileMachine: guards and effects from the definition', () => {
	const m = compileMachine<S, E>(machine);

	it('SQS-DLQ-1: the guard decides between dead-lettering and delivering at receive', () => {
		expect(m.step('available', 'RECEIVE', { maxReceiveReached: true })).toEqual([
			'deadLettered',
			['moveToDlq']
		]);
		expect(m.step('available', 'RECEIVE', { maxReceiveReached: false })).toEqual([
			'inFlight',
			['armVisibility', 'emitReceived']
		]);
		expect(m.step('available', 'RECEIVE', { maxReceiveReached: () => true })?.[0]).toBe('deadLettered');
		// An unknown guard is false: the unguarded transition is taken.
		expect(m.step('available', 'RECEIVE')?.[0]).toBe('inFlight');
	});

	it('lists transitions in order, reports impossible ones, knows finals', () => {
		expect(m.transitions('available', 'RECEIVE').map((t) => t.guard)).toEqual([
			'maxReceiveReached',
			undefined
		]);
		expect(m.step('deadLettered', 'RECEIVE')).toBeUndefined();
		expect(() => m.must('deadLettered', 'RECEIVE')).toThrow(
			/no transition for RECEIVE in state deadLettered/
		);
		expect(m.next('inFlight', 'VISIBILITY_EXPIRED')).toBe('available');
		expect(m.isFinal('deadLettered')).toBe(true);
		expect(m.initial).toBe('available');
		expect([...m.events].sort()).toEqual(['RECEIVE', 'VISIBILITY_EXPIRED']);
	});

	it('refuses inline (unnamed) effects: the executor and the inspector need names', () => {
		const inline = setup({}).createMachine({
			id: 'inline',
			initial: 'a',
			states: { a: { on: { GO: { target: 'b', actions: () => undefined } } }, b: {} }
		});
		expect(() => compileMachine(inline)).toThrow(/has no name/);
	});

	it('SQS-STD-4/-5/-8: the SQS message lifecycle: receivable again through makeAvailable, final states leave the queue', () => {
		expect(messageLifecycle.step('available', 'RECEIVE')).toEqual(['inFlight', []]);
		expect(messageLifecycle.step('inFlight', 'VISIBILITY_EXPIRED')).toEqual(['available', ['makeAvailable']]);
		expect(messageLifecycle.step('inFlight', 'RELEASE')).toEqual(['available', ['makeAvailable']]);
		expect(messageLifecycle.step('delayed', 'DELAY_ELAPSED')).toEqual(['available', ['makeAvailable']]);
		for (const [from, event, to] of [
			['inFlight', 'DELETE', 'deleted'],
			['available', 'DELETE', 'deleted'],
			['delayed', 'EXPIRE', 'expired'],
			['inFlight', 'PURGE', 'purged'],
			['available', 'MOVE', 'moved']
		] as const)
			expect(messageLifecycle.step(from, event)).toEqual([to, ['leaveQueue']]);
		expect(messageLifecycle.step('deleted', 'RECEIVE')).toBeUndefined();
		expect(messageLifecycle.step('inFlight', 'MOVE')).toBeUndefined(); // SQS-DLQ-4: in-flight messages stay
		expect(messageLifecycle.isFinal('moved')).toBe(true);
	});

	it('SQS-DLQ-1: at receive, the maxReceiveCountReached guard dead-letters the message instead of delivering it', () => {
		expect(messageLifecycle.step('available', 'RECEIVE', { maxReceiveCountReached: true })).toEqual([
			'deadLettered',
			['leaveQueue', 'moveToDeadLetterQueue']
		]);
		expect(messageLifecycle.step('available', 'RECEIVE', { maxReceiveCountReached: () => false })?.[0]).toBe(
			'inFlight'
		);
		// Only an available message is received; the guard is asked nowhere else.
		expect(messageLifecycle.transitions('inFlight', 'RECEIVE')).toEqual([]);
		expect(messageLifecycle.guards).toEqual(['maxReceiveCountReached']);
		expect([...messageLifecycle.effects].sort()).toEqual([
			'leaveQueue',
			'makeAvailable',
			'moveToDeadLetterQueue'
		]);
	});
});
