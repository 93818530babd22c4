// The example templates in /templates import, load with loadScenario, and move messages when run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importTemplate } from '$lib/cfn';
import { loadScenario } from '$lib/services';
import { node, run } from './helpers';

const read = (name: string) => readFileSync(`templates/${name}`, 'utf8');
const count = (events: { type: string; node: string }[], type: string, at: string) =>
	events.filter((e) => e.type === type && e.node === at).length;

describe('templates/order-fanout.yaml', () => {
	it('imports the fan-out with parameters, mappings and conditions resolved', () => {
		const r = importTemplate(read('order-fanout.yaml'));
		expect(r.scenario.name).toBe(
			'Order fan-out - an SNS topic feeds filtered SQS queues, each drained by a Lambda worker with a DLQ'
		);
		expect(r.entryPoints).toEqual(['OrdersTopic']);
		expect(node(r, 'OrdersTopic')).toMatchObject({ TopicName: 'orders-dev' });
		expect(node(r, 'EuOrdersQueue')['RedrivePolicy']).toEqual({
			deadLetterTargetArn: 'EuOrdersDlq',
			maxReceiveCount: 3
		});
		expect(node(r, 'EuWorker')).toMatchObject({
			source: 'EuOrdersQueue',
			BatchSize: 5,
			ReservedConcurrency: 5,
			Timeout: 10
		});
		expect(r.ignored.map((i) => i.logicalId)).toEqual(['WorkerRole', 'AlarmTopic']);
		expect(r.warnings).toEqual([]);
	});

	it('params override the defaults (prod sizing, the conditional topic)', () => {
		const r = importTemplate(read('order-fanout.yaml'), {
			params: { Environment: 'prod' },
			load: { OrdersTopic: 50 }
		});
		expect(node(r, 'EuWorker')).toMatchObject({ BatchSize: 10, ReservedConcurrency: 50 });
		expect(node(r, 'EuOrdersQueue')['RedrivePolicy']).toMatchObject({ maxReceiveCount: 5 });
		expect(r.entryPoints).toEqual(['OrdersTopic', 'AlarmTopic']);
		expect(node(r, 'OrdersTopicProducer')['Rate']).toEqual({ type: 'fixed', perSecond: 50 });
	});

	it('runs: the topic delivers to the body-filtered queue and the worker is invoked', () => {
		const events = run(importTemplate(read('order-fanout.yaml')));
		expect(count(events, 'produced', 'OrdersTopicProducer')).toBeGreaterThan(30);
		expect(count(events, 'enqueued', 'BigOrdersQueue')).toBeGreaterThan(30);
		// No message carries a region attribute, so the eu- filter lets none through (SNS-FP-9).
		expect(count(events, 'enqueued', 'EuOrdersQueue')).toBe(0);
		expect(count(events, 'batch-invoked', 'BigWorker')).toBeGreaterThan(0);
	});
});

describe('templates/clickstream.yaml', () => {
	it('imports and runs: the function reads the stream', () => {
		const r = importTemplate(read('clickstream.yaml'), { stackName: 'web' });
		expect(node(r, 'ClickStream')).toMatchObject({ StreamName: 'web-clicks', ShardCount: 2 });
		expect(node(r, 'Archive')).toMatchObject({ source: 'ClickStream' });
		expect(node(r, 'Sessionizer')).toMatchObject({ OnFailure: 'ClickFailures', StartingPosition: 'LATEST' });
		expect(r.entryPoints).toEqual(['ClickStream']);
		const events = run(r);
		expect(count(events, 'record-put', 'ClickStream')).toBeGreaterThan(30);
		expect(events.some((e) => e.type === 'batch-invoked' && e.node === 'Sessionizer')).toBe(true);
	});

	it('the delivery stream buffers the records and flushes them every 30 s (FH-1)', () => {
		const events = run(importTemplate(read('clickstream.yaml')), 60_000);
		expect(count(events, 'firehose-buffered', 'Archive')).toBeGreaterThan(300);
		expect(count(events, 'firehose-delivered', 'Archive')).toBeGreaterThan(0);
	});
});

describe('templates/sam-payments.yaml', () => {
	it('imports the SAM template and runs: the FIFO queue feeds the function', () => {
		const r = importTemplate(read('sam-payments.yaml'));
		expect(node(r, 'SettleFunction')).toMatchObject({
			source: 'PaymentsQueue',
			Timeout: 6,
			ReservedConcurrency: 10
		});
		expect(node(r, 'PaymentsQueue')).toMatchObject({ QueueName: 'PaymentsQueue.fifo', FifoQueue: true });
		expect(r.ignored).toEqual([expect.objectContaining({ logicalId: 'NotifyFunction' })]);
		expect(() => loadScenario(r.scenario)).not.toThrow();
		const events = run(r);
		expect(count(events, 'enqueued', 'PaymentsQueue')).toBeGreaterThan(30);
		expect(count(events, 'batch-invoked', 'SettleFunction')).toBeGreaterThan(0);
	});

	it('imports deterministically', () => {
		expect(JSON.stringify(importTemplate(read('sam-payments.yaml')))).toBe(
			JSON.stringify(importTemplate(read('sam-payments.yaml')))
		);
	});
});
