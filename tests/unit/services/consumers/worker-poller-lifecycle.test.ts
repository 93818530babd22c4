// The SQS consumer worker's and the Lambda SQS poller's machines, through their pure API (SQS-STD-2,
// ESM-SQS-1/-5): each state's transitions, and that an impossible step is reported.
import { describe, expect, it } from 'vitest';
import { pollerLifecycle } from '$lib/services/consumers/poller-lifecycle';
import { workerLifecycle } from '$lib/services/consumers/worker-lifecycle';

describe('consumer worker and Lambda poller lifecycles', () => {
	it('SQS-STD-2: a worker polls, processes what it got one by one, and is stopped from any state by a crash', () => {
		expect(workerLifecycle.initial).toBe('idle');
		expect(workerLifecycle.next('idle', 'POLL')).toBe('polling');
		expect(workerLifecycle.next('polling', 'EMPTY')).toBe('idle');
		expect(workerLifecycle.next('polling', 'MESSAGES')).toBe('processing');
		expect(workerLifecycle.next('processing', 'NEXT')).toBe('processing');
		expect(workerLifecycle.next('processing', 'BATCH_DONE')).toBe('idle');
		for (const s of ['idle', 'polling', 'processing'] as const)
			expect(workerLifecycle.next(s, 'CRASH')).toBe('stopped');
		expect(workerLifecycle.next('stopped', 'RESTART')).toBe('idle');
		expect(() => workerLifecycle.must('stopped', 'POLL')).toThrow(/no transition for POLL in state stopped/);
	});

	it('ESM-SQS-1/-5: a poller polls, invokes the function with its batch, and retires when the mapping scales down', () => {
		expect(pollerLifecycle.initial).toBe('idle');
		expect(pollerLifecycle.next('idle', 'POLL')).toBe('polling');
		expect(pollerLifecycle.next('polling', 'EMPTY')).toBe('idle');
		expect(pollerLifecycle.next('polling', 'INVOKE')).toBe('invoking');
		expect(pollerLifecycle.next('invoking', 'FINISH')).toBe('idle');
		expect(pollerLifecycle.next('idle', 'RETIRE')).toBe('retired');
		expect(pollerLifecycle.next('retired', 'REVIVE')).toBe('idle');
		// A poller retires only between batches, never while invoking.
		expect(pollerLifecycle.next('invoking', 'RETIRE')).toBeUndefined();
	});
});
