// The inspector draws any machine's statechart from its definition (DESIGN §2): states and transitions come
// from the compiled machine, the current state is lit and the path taken is marked.
import { describe, expect, it } from 'vitest';
import { moveTaskLifecycle, subscriptionLifecycle } from '$lib/services';
import { machineChart } from '$lib/state/machine-chart';

describe('machineChart', () => {
	it('SQS-DLQ-4: a move task chart lists every state of the machine with the current one lit', () => {
		const chart = machineChart(moveTaskLifecycle, 'COMPLETED');
		expect(chart.machine).toBe('sqs-move-task');
		expect(chart.states.map((s) => s.id)).toEqual(['RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED']);
		expect(chart.states.filter((s) => s.current).map((s) => s.id)).toEqual(['COMPLETED']);
		expect(chart.states.find((s) => s.id === 'RUNNING')?.edges.map((e) => `${e.event}→${e.to}`)).toEqual([
			'DONE→COMPLETED',
			'CANCEL→CANCELLED',
			'DESTINATION_GONE→FAILED'
		]);
		expect(chart.states.filter((s) => s.final).map((s) => s.id)).toEqual([
			'COMPLETED',
			'CANCELLED',
			'FAILED'
		]);
	});

	it('SNS-TOP-2: a subscription chart marks the path taken and labels states', () => {
		const chart = machineChart(subscriptionLifecycle, 'confirmed', {
			taken: [{ from: 'pendingConfirmation', event: 'CONFIRM', to: 'confirmed', atMs: 5 }],
			label: (s) => s.toUpperCase()
		});
		const pending = chart.states.find((s) => s.id === 'pendingConfirmation');
		expect(pending).toMatchObject({ label: 'PENDINGCONFIRMATION', visited: true, current: false });
		expect(pending?.edges).toEqual([
			{ event: 'CONFIRM', to: 'confirmed', taken: true },
			{ event: 'UNSUBSCRIBE', to: 'deleted', taken: false }
		]);
		expect(chart.states.find((s) => s.id === 'deleted')?.visited).toBe(false);
	});
});
