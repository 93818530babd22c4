// SNS-RETRY-1/-4, SNS-DLQ-2: one delivery's machine through its pure API, and the topic that steps it.
import { describe, expect, it } from 'vitest';
import { deliveryLifecycle } from '$lib/services/sns/delivery-lifecycle';
import { createSandbox } from '$lib/sandbox';
import { nodesOf } from '$lib/services';

describe('SNS delivery lifecycle', () => {
	it('SNS-RETRY-1: a server-side failure waits for a retry while retries are left, else the DLQ is offered', () => {
		expect(deliveryLifecycle.step('attempting', 'SERVER_ERROR', { retriesLeft: true })).toEqual([
			'waitingRetry',
			['scheduleRetry']
		]);
		expect(deliveryLifecycle.step('attempting', 'SERVER_ERROR', { retriesLeft: () => false })).toEqual([
			'failing',
			['offerToDlq']
		]);
		expect(deliveryLifecycle.step('waitingRetry', 'RETRY')).toEqual(['attempting', []]);
	});

	it('SNS-DLQ-2: a client-side failure is never retried; the DLQ takes it or it is dropped', () => {
		// The guard is not even asked: CLIENT_ERROR has one transition.
		expect(deliveryLifecycle.transitions('attempting', 'CLIENT_ERROR')).toEqual([
			{ target: 'failing', effects: ['offerToDlq'] }
		]);
		expect(deliveryLifecycle.step('failing', 'DLQ_ACCEPTED')?.[0]).toBe('deadLettered');
		expect(deliveryLifecycle.step('failing', 'NO_DLQ')?.[0]).toBe('dropped');
		for (const end of ['delivered', 'deadLettered', 'dropped'] as const)
			expect(deliveryLifecycle.isFinal(end)).toBe(true);
		expect(deliveryLifecycle.step('waitingRetry', 'SUCCESS')).toBeUndefined();
	});

	it('SNS-RETRY-4: through the topic, a failing delivery waits in waitingRetry between attempts, then is dropped', () => {
		const sb = createSandbox({ seed: 5 });
		const { TopicArn } = sb.sns.createTopic({ Name: 't' });
		sb.sns.simulateEndpoint('https://down.example.com', { ErrorRate: 1, LatencyMs: 100, AutoConfirm: true });
		sb.sns.subscribe({ TopicArn, Protocol: 'https', Endpoint: 'https://down.example.com' });
		const [topic] = nodesOf(sb.world.simulation.nodes.values(), 'sns-topic');
		sb.sns.publish({ TopicArn, Message: 'x' });
		expect(topic?.deliveries().map((d) => d.status)).toEqual(['attempting']);
		sb.advanceTime(1_000); // the first attempt failed (a 5xx after 100 ms): waiting for the retry 20 s later
		expect(topic?.deliveries().map((d) => d.status)).toEqual(['waitingRetry']);
		sb.advanceTime(20_000);
		expect(topic?.deliveries().map((d) => d.status)).toEqual(['waitingRetry']);
		sb.advanceTime(60_000);
		expect(topic?.deliveries()).toEqual([]);
		expect(sb.trace().find((e) => e.type === 'delivery-dropped')?.cause).toBe('retries-exhausted');
	});
});
