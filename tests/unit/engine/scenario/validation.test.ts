// Scenario validation says what is wrong: unknown fields at their exact path with the closest known name,
// inverted ranges, non-finite numbers, a UTF-8 byte-order mark, and repeated SNS subscriptions (SNS-API-1).
// The CLI, Import, share links and the editor all go through parseScenario, so these hold for all of them.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue, NodeSchema, ScenarioError, stripBom } from '$lib/engine';
import { loadScenario, parseScenario, parseScenarioText } from '$lib/services';
import '$lib/services';
import { LESSONS } from '$lib/lessons';
import { scenarioArbitrary } from '../../../property/arbitrary-scenario';

type Json = Record<string, unknown>;

const base = () => ({
	version: 1,
	name: 'test',
	seed: 1,
	durationMs: 10_000,
	nodes: [
		{ id: 'q', type: 'sqs-queue' },
		{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 1 } },
		{ id: 'c', type: 'consumer', source: 'q' }
	] as Json[]
});

/** A topic (nodes[0]) fanning out to two queues, with a producer. */
const fanout = (subscriptions: Json[]) => ({
	version: 1,
	name: 'fan-out',
	seed: 1,
	durationMs: 10_000,
	nodes: [
		{ id: 'orders-topic', type: 'sns-topic', Subscriptions: subscriptions },
		{ id: 'orders', type: 'sqs-queue' },
		{ id: 'audit', type: 'sqs-queue' },
		{ id: 'p', type: 'producer', target: 'orders-topic', Rate: { type: 'fixed', perSecond: 1 } }
	] as Json[]
});

function errorsOf(input: unknown): string[] {
	const r = parseScenario(input);
	return r.ok ? [] : r.errors.map(formatIssue);
}

/** The scenario with `patch` merged into node k. */
function withNode(k: number, patch: Json, doc = base()) {
	doc.nodes[k] = { ...doc.nodes[k], ...patch };
	return doc;
}

describe('unknown fields are errors at their path, with the closest known name', () => {
	it('a misspelt queue attribute is named, not silently replaced by its default (SQS-STD-4)', () => {
		expect(errorsOf(withNode(0, { VisibiltyTimeout: 5 }))).toEqual([
			'nodes[0].VisibiltyTimeout: unknown parameter; did you mean VisibilityTimeout?'
		]);
	});

	it('letter case and swapped letters count as typos', () => {
		expect(errorsOf(withNode(0, { visibilitytimeout: 5 }))).toEqual([
			'nodes[0].visibilitytimeout: unknown parameter; did you mean VisibilityTimeout?'
		]);
		expect(
			errorsOf(withNode(0, { RedrivePolicy: { deadLetterTargetArn: 'q2', maxRecieveCount: 3 } }))
		).toContain('nodes[0].RedrivePolicy.maxRecieveCount: unknown parameter; did you mean maxReceiveCount?');
	});

	it('at the top of the document', () => {
		const doc: Json = { ...base(), durationMS: 5000 };
		delete doc.durationMs;
		expect(errorsOf(doc)).toEqual([
			'durationMS: unknown parameter; did you mean durationMs?',
			'durationMs: is required'
		]);
		expect(errorsOf({ ...base(), author: 'me' })).toEqual([
			'author: unknown parameter; expected one of version, name, description, seed, durationMs, nodes, fidelityNotes'
		]);
	});

	it('a name close to none lists the known names instead', () => {
		const [e] = errorsOf(withNode(0, { colour: 'blue' }));
		expect(e).toMatch(
			/^nodes\[0\]\.colour: unknown parameter; expected one of id, label, position, type, QueueName, /
		);
		expect(e).toContain('VisibilityTimeout');
		expect(errorsOf(withNode(0, { position: { x: 1, y: 2, z: 3 } }))).toEqual([
			'nodes[0].position.z: unknown parameter; expected one of x, y'
		]);
	});

	it('in every node type', () => {
		for (const option of NodeSchema.options) {
			const type = option.entries.type.literal;
			// The type's longest field, with one letter dropped from its middle.
			const key = Object.keys(option.entries).reduce((a, b) => (b.length > a.length ? b : a));
			const typo = key.slice(0, key.length >> 1) + key.slice((key.length >> 1) + 1);
			const doc = { ...base(), nodes: [{ id: 'n', type, [typo]: 1 }] };
			expect(errorsOf(doc), type).toContain(`nodes[0].${typo}: unknown parameter; did you mean ${key}?`);
		}
	});

	it('in nested objects: Rate, ProcessingTime, Slow, Failure, Heartbeat, Nondeterminism, Actions', () => {
		expect(errorsOf(withNode(1, { Rate: { type: 'fixed', perSecnd: 1 } }))).toEqual([
			'nodes[1].Rate.perSecnd: unknown parameter; did you mean perSecond?',
			'nodes[1].Rate.perSecond: is required'
		]);
		expect(errorsOf(withNode(2, { ProcessingTime: { type: 'fixed', ms: 5, jitterMs: 1 } }))).toEqual([
			'nodes[2].ProcessingTime.jitterMs: unknown parameter; expected one of type, ms'
		]);
		expect(
			errorsOf(
				withNode(2, {
					Slow: { bodyContains: 'x', ProcessingTime: { type: 'exponential', meanMS: 5, meanMs: 5 } },
					Failure: { probabilty: 0.5 },
					Heartbeat: { everySeconds: 1, extendBySeconds: 5, evrySeconds: 2 }
				})
			)
		).toEqual([
			'nodes[2].Slow.ProcessingTime.meanMS: unknown parameter; did you mean meanMs?',
			'nodes[2].Failure.probabilty: unknown parameter; did you mean probability?',
			'nodes[2].Heartbeat.evrySeconds: unknown parameter; did you mean everySeconds?'
		]);
		expect(errorsOf(withNode(0, { Nondeterminism: { servrs: 2 } }))).toEqual([
			'nodes[0].Nondeterminism.servrs: unknown parameter; did you mean servers?'
		]);
		expect(
			errorsOf(
				withNode(0, {
					Actions: [{ action: 'start-message-move-task', atMs: 0, MaxNumberOfMessagePerSecond: 5 }]
				})
			)
		).toEqual([
			'nodes[0].Actions[0].MaxNumberOfMessagePerSecond: unknown parameter; did you mean MaxNumberOfMessagesPerSecond?'
		]);
	});

	it('in Kinesis reshard actions, worker failures and Firehose settings', () => {
		const doc = {
			...base(),
			nodes: [
				{
					id: 's',
					type: 'kinesis-stream',
					ShardCount: 2,
					Actions: [
						{ action: 'split', atMs: 1000, ShardToSplt: 'shardId-000000000000' },
						{ action: 'update-shard-count', atMs: 2000, TargetShardCount: 4, Scaling: 'UNIFORM' }
					]
				},
				{
					id: 'k',
					type: 'kinesis-consumer',
					source: 's',
					Workers: 2,
					WorkerFailures: [{ worker: 0, atMS: 5 }]
				},
				{ id: 'f', type: 'firehose', BufferingHints: { SizeInMB: 1 }, Transform: { dropWhenContain: 'x' } }
			]
		};
		const errors = errorsOf(doc);
		expect(errors).toContain(
			'nodes[0].Actions[0].ShardToSplt: unknown parameter; did you mean ShardToSplit?'
		);
		expect(errors).toContain(
			'nodes[0].Actions[1].Scaling: unknown parameter; expected one of action, atMs, TargetShardCount'
		);
		expect(errors).toContain('nodes[1].WorkerFailures[0].atMS: unknown parameter; did you mean atMs?');
		expect(errors).toContain('nodes[2].BufferingHints.SizeInMB: unknown parameter; did you mean SizeInMBs?');
		expect(errors).toContain(
			'nodes[2].Transform.dropWhenContain: unknown parameter; did you mean dropWhenContains?'
		);
	});

	it('in subscriptions, their RedrivePolicy, endpoint behaviour and outages, and message attributes', () => {
		const doc = fanout([
			{ Protocol: 'sqs', Endpiont: 'orders' },
			{
				Protocol: 'https',
				Endpoint: 'https://example.com/hook',
				RedrivePolicy: { deadLetterTargetARN: 'audit' },
				Simulated: { ErrorRat: 0.5, Outages: [{ fromMs: 0, toMs: 10, failur: 'timeout' }] }
			}
		]);
		(doc.nodes[3] as Json).MessageAttributes = { region: { DataType: 'String', StringVal: 'eu' } };
		const errors = errorsOf(doc);
		expect(errors).toContain('nodes[0].Subscriptions[0].Endpiont: unknown parameter; did you mean Endpoint?');
		expect(errors).toContain(
			'nodes[0].Subscriptions[1].RedrivePolicy.deadLetterTargetARN: unknown parameter; did you mean deadLetterTargetArn?'
		);
		expect(errors).toContain(
			'nodes[0].Subscriptions[1].Simulated.ErrorRat: unknown parameter; did you mean ErrorRate?'
		);
		expect(errors).toContain(
			'nodes[0].Subscriptions[1].Simulated.Outages[0].failur: unknown parameter; did you mean failure?'
		);
		expect(errors).toContain(
			'nodes[3].MessageAttributes.region.StringVal: unknown parameter; did you mean StringValue?'
		);
	});

	it('reports every unknown field of an object, alongside the other errors', () => {
		expect(errorsOf(withNode(0, { VisibiltyTimeout: 5, DelaySecond: 1, MessageRetentionPeriod: 1 }))).toEqual(
			[
				'nodes[0].VisibiltyTimeout: unknown parameter; did you mean VisibilityTimeout?',
				'nodes[0].DelaySecond: unknown parameter; did you mean DelaySeconds?',
				'nodes[0].MessageRetentionPeriod: must be 60–1209600 seconds'
			]
		);
	});

	it('free-form JSON (an inline filter policy) has no fixed fields', () => {
		const doc = fanout([{ Protocol: 'sqs', Endpoint: 'orders', FilterPolicy: { anyAttributeName: ['x'] } }]);
		expect(errorsOf(doc)).toEqual([]);
	});

	it('odd keys are named unambiguously: __proto__, the empty key, keys with spaces', () => {
		const doc = JSON.parse(
			'{"version":1,"name":"t","seed":1,"durationMs":1000,"nodes":[{"id":"q","type":"sqs-queue","__proto__":{},"":1,"a b":2}]}'
		) as unknown;
		const errors = errorsOf(doc);
		expect(errors).toHaveLength(3);
		expect(errors[0]).toMatch(/^nodes\[0\]\.__proto__: unknown parameter; /);
		expect(errors[1]).toMatch(/^nodes\[0\]\[""\]: unknown parameter; /);
		expect(errors[2]).toMatch(/^nodes\[0\]\["a b"\]: unknown parameter; /);
	});

	it('loadScenario throws them too (the simulator and pigeonhole.load)', () => {
		expect(() => loadScenario(withNode(0, { VisibiltyTimeout: 5 }))).toThrow(
			new ScenarioError([
				{ path: 'nodes[0].VisibiltyTimeout', message: 'unknown parameter; did you mean VisibilityTimeout?' }
			])
		);
	});
});

describe('built-in scenarios still parse', () => {
	it('every file in scenarios/, every lesson, and the random-scenario generator', () => {
		for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.json')))
			expect(errorsOf(readFileSync(`scenarios/${f}`, 'utf8')), f).toEqual([]);
		for (const lesson of LESSONS) expect(errorsOf(lesson.scenario), lesson.id).toEqual([]);
		for (const s of fc.sample(scenarioArbitrary, { numRuns: 400, seed: 14 }))
			expect(errorsOf(s), JSON.stringify(s)).toEqual([]);
	});
});

describe('inverted ranges and non-finite numbers', () => {
	const uniform = (minMs: number, maxMs: number) => ({ type: 'uniform', minMs, maxMs });

	it('a uniform distribution with minMs above maxMs, wherever one is allowed', () => {
		expect(errorsOf(withNode(2, { ProcessingTime: uniform(500, 100) }))).toEqual([
			'nodes[2].ProcessingTime.maxMs: must be at least minMs (500 ms)'
		]);
		expect(errorsOf(withNode(2, { Slow: { bodyContains: 'x', ProcessingTime: uniform(9, 8) } }))).toEqual([
			'nodes[2].Slow.ProcessingTime.maxMs: must be at least minMs (9 ms)'
		]);
		const doc = {
			...base(),
			nodes: [
				{ id: 'q', type: 'sqs-queue' },
				{ id: 'f', type: 'lambda', source: 'q', ProcessingTime: uniform(20, 10) },
				{ id: 's', type: 'kinesis-stream' },
				{ id: 'k', type: 'kinesis-consumer', source: 's', ProcessingTime: uniform(3, 2) }
			]
		};
		expect(errorsOf(doc)).toEqual([
			'nodes[1].ProcessingTime.maxMs: must be at least minMs (20 ms)',
			'nodes[3].ProcessingTime.maxMs: must be at least minMs (3 ms)'
		]);
		expect(errorsOf(withNode(2, { ProcessingTime: uniform(100, 100) }))).toEqual([]);
	});

	it('an outage window that ends before it starts (SNS endpoints and Firehose destinations)', () => {
		const doc = fanout([
			{
				Protocol: 'https',
				Endpoint: 'https://example.com/hook',
				Simulated: {
					Outages: [
						{ fromMs: 0, toMs: 0 },
						{ fromMs: 5000, toMs: 1000, failure: 'timeout' }
					]
				}
			}
		]);
		doc.nodes.push({ id: 'f', type: 'firehose', Outages: [{ fromMs: 2000, toMs: 1999 }] });
		expect(errorsOf(doc)).toEqual([
			'nodes[0].Subscriptions[0].Simulated.Outages[1].toMs: must be at least fromMs (5000 ms)',
			'nodes[4].Outages[0].toMs: must be at least fromMs (2000 ms)'
		]);
	});

	it('node positions must be finite: Infinity and NaN from JavaScript, 1e400 from JSON text', () => {
		expect(errorsOf(withNode(0, { position: { x: Number.POSITIVE_INFINITY, y: Number.NaN } }))).toEqual([
			'nodes[0].position.x: must be a finite number',
			'nodes[0].position.y: must be a finite number'
		]);
		const text = JSON.stringify(withNode(0, { position: { x: 1, y: 2 } })).replace('"y":2', '"y":1e400');
		expect(errorsOf(text)).toEqual(['nodes[0].position.y: must be a finite number']);
		expect(errorsOf(withNode(0, { position: { x: -12.5, y: 1e6 } }))).toEqual([]);
	});

	it('non-finite numbers elsewhere are rejected at their path too', () => {
		expect(errorsOf({ ...base(), durationMs: Number.POSITIVE_INFINITY })).toEqual([
			'durationMs: must be 1–2678400000 ms (a whole number)'
		]);
		expect(errorsOf(withNode(2, { Failure: { probability: Number.NaN } }))).toEqual([
			'nodes[2].Failure.probability: must be 0–1'
		]);
		expect(errorsOf(withNode(1, { Rate: { type: 'fixed', perSecond: Number.POSITIVE_INFINITY } }))).toEqual([
			'nodes[1].Rate.perSecond: must be 0.001–100000 messages per second'
		]);
	});
});

describe('a UTF-8 byte-order mark is accepted', () => {
	const text = JSON.stringify(base());

	it('parseScenario and parseScenarioText strip one leading U+FEFF', () => {
		expect(parseScenario(`\uFEFF${text}`).ok).toBe(true);
		expect(parseScenarioText(`\uFEFF${text}`).ok).toBe(true);
		expect(parseScenarioText(text).ok).toBe(true);
	});

	it('stripBom removes only a leading mark', () => {
		expect(stripBom('\uFEFF{}')).toBe('{}');
		expect(stripBom('{}')).toBe('{}');
		expect(stripBom('\uFEFF\uFEFF{}')).toBe('\uFEFF{}');
		expect(stripBom('{"a":"\uFEFF"}')).toBe('{"a":"\uFEFF"}');
	});
});

describe('SNS-API-1: one subscription per topic, protocol and endpoint', () => {
	it('the same queue subscribed twice is an error at the repeat, naming the first', () => {
		const doc = fanout([
			{ Protocol: 'sqs', Endpoint: 'orders' },
			{ Protocol: 'sqs', Endpoint: 'audit' },
			{ Protocol: 'sqs', Endpoint: 'orders' }
		]);
		expect(errorsOf(doc)).toEqual([
			"nodes[0].Subscriptions[2]: subscribes sqs 'orders' again, like Subscriptions[0]; AWS keeps one subscription per protocol and endpoint (SNS-API-1)"
		]);
	});

	it('a queue named by its id and by its ARN is one endpoint', () => {
		const doc = fanout([
			{ Protocol: 'sqs', Endpoint: 'orders' },
			{ Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:orders' }
		]);
		expect(errorsOf(doc)).toEqual([
			"nodes[0].Subscriptions[1]: subscribes sqs 'arn:aws:sqs:us-east-1:000000000000:orders' again, like Subscriptions[0]; AWS keeps one subscription per protocol and endpoint (SNS-API-1)"
		]);
	});

	it('a repeat with other attributes says so (AWS refuses it)', () => {
		const doc = fanout([
			{ Protocol: 'https', Endpoint: 'https://example.com/hook' },
			{ Protocol: 'https', Endpoint: 'https://example.com/hook', RawMessageDelivery: true }
		]);
		expect(errorsOf(doc)).toEqual([
			"nodes[0].Subscriptions[1]: subscribes https 'https://example.com/hook' again, like Subscriptions[0] but with other attributes; AWS keeps one subscription per protocol and endpoint and refuses to subscribe it again with different attributes (SNS-API-1)"
		]);
	});

	it('the same endpoint under another protocol, or on another topic, is another subscription', () => {
		const doc = fanout([
			{ Protocol: 'email', Endpoint: 'ops@example.com' },
			{ Protocol: 'email-json', Endpoint: 'ops@example.com' },
			{ Protocol: 'sqs', Endpoint: 'orders' }
		]);
		doc.nodes.push({
			id: 'other-topic',
			type: 'sns-topic',
			Subscriptions: [{ Protocol: 'sqs', Endpoint: 'orders' }]
		});
		expect(errorsOf(doc)).toEqual([]);
	});
});
