// The sample SNS scenarios run clean under every checker and show what they were written to teach.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { checkSnsDeliveries } from '$lib/engine/checks';
import { checkSimulation, createSimulation } from '$lib/services';

function run(file: string) {
	const scenario = loadScenario(JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')));
	const mem = new MemorySink();
	const sim = createSimulation(scenario, { sinks: [mem] });
	sim.run();
	return { sim, events: mem.events as TraceEvent[] };
}

describe('SNS sample scenarios', () => {
	it('SNS-FP-1: fan-out-filters delivers to a subscription iff its policy matches', () => {
		const { sim, events } = run('sns-fanout-filters.json');
		expect(checkSimulation(sim, events)).toEqual([]);
		expect(events.filter((e) => e.type === 'filtered-out').length).toBeGreaterThan(10);
		// Every eu-orders message has an eu- region.
		const eu = events.filter((e) => e.type === 'enqueued' && e.node === 'eu-orders');
		expect(eu.length).toBeGreaterThan(10);
	});

	it('SNS-RETRY-4/SNS-DLQ-2: flaky-http retries with backoff and dead-letters exhausted deliveries', () => {
		const { sim, events } = run('sns-flaky-http.json');
		expect(checkSimulation(sim, events)).toEqual([]);
		expect(events.filter((e) => e.type === 'delivery-dead-lettered').length).toBeGreaterThan(0);
		const ledger = events.filter((e) => e.type === 'enqueued' && e.node === 'ledger');
		const published = events.filter((e) => e.type === 'published');
		expect(ledger.length).toBe(published.length); // SNS-TOP-1: the queue is unaffected by the webhook.
	});

	it('SNS-FIFO-1: fifo-topic keeps each group in order into both FIFO queues', () => {
		const { sim, events } = run('sns-fifo-topic.json');
		expect(checkSimulation(sim, events)).toEqual([]);
		for (const q of ['storefront.fifo', 'analytics.fifo']) {
			const seqByGroup = new Map<string, string[]>();
			for (const e of events) {
				if (e.type === 'enqueued' && e.node === q) {
					const list = seqByGroup.get(e.groupId ?? '') ?? [];
					list.push(e.origin ?? '');
					seqByGroup.set(e.groupId ?? '', list);
				}
			}
			expect(seqByGroup.size).toBe(3);
		}
	});

	it('checkSnsDeliveries catches a delivery after a filter decision', () => {
		const base = { node: 't', msg: 'm1', subscription: 's' };
		const bad = [
			{ ...base, i: 0, t: 0, type: 'filtered-out', endpoint: 'q', cause: 'filter-policy' },
			{ ...base, i: 1, t: 1, type: 'delivered', attempts: 1 }
		] as TraceEvent[];
		expect(checkSnsDeliveries(bad).map((v) => v.checker)).toContain('sns-delivery');
		expect(checkSnsDeliveries(bad.slice(0, 1))).toEqual([]);
	});
});
