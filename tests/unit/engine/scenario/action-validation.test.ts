// Operator actions in the scenario format (docs/ARCHITECTURE.md "Operator actions"): every field is in the
// schema, so a wrong value is reported at its exact path with its range, a misspelt field gets a "did you
// mean…", and the cross-node rules a send must follow (SQS-FIFO-2/-3/-7) and a merge's shards (KIN-11) are
// checked before the run.
import { describe, expect, it } from 'vitest';
import { formatIssue } from '$lib/engine';
import { loadScenario, parseScenario } from '$lib/services';
import '$lib/services';

type Json = Record<string, unknown>;

/** q (standard), f.fifo, p → q, c on q, fn on q, s (2 shards); `patch` goes into the node with that id. */
function doc(id: string, patch: Json): Json {
	const nodes: Json[] = [
		{ id: 'q', type: 'sqs-queue' },
		{ id: 'f.fifo', type: 'sqs-queue', FifoQueue: true },
		{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 1 } },
		{ id: 'c', type: 'consumer', source: 'q' },
		{ id: 'fn', type: 'lambda', source: 'q' },
		{ id: 's', type: 'kinesis-stream', ShardCount: 2 }
	].map((n) => (n.id === id ? { ...n, ...patch } : n));
	return { version: 1, name: 'actions', seed: 1, durationMs: 10_000, nodes };
}

const errorsOf = (input: unknown) => {
	const r = parseScenario(input);
	return r.ok ? [] : r.errors.map(formatIssue);
};

describe('operator actions: valid ones load with their defaults', () => {
	it('every action of every node type', () => {
		const actionsFor: Record<string, Json[]> = {
			q: [
				{ action: 'start-message-move-task', atMs: 0 },
				{ action: 'send-message', atMs: 1, MessageBody: 'x', DelaySeconds: 900 },
				{ action: 'make-poison', atMs: 1_000_000_000, origin: 'p-1' }
			],
			'f.fifo': [
				{
					action: 'send-message',
					atMs: 5,
					MessageBody: 'x',
					MessageGroupId: 'g',
					MessageDeduplicationId: 'd',
					DelaySeconds: 0,
					MessageAttributes: { a: { DataType: 'Number', StringValue: '1' } }
				}
			],
			p: [
				{ action: 'pause', atMs: 1 },
				{ action: 'resume', atMs: 2 },
				{ action: 'set-rate', atMs: 3, Rate: { type: 'burst', size: 2, everySeconds: 1 } }
			],
			c: [
				{ action: 'crash', atMs: 1 },
				{ action: 'restart', atMs: 2 },
				{ action: 'slow-down', atMs: 3, factor: 0.1 },
				{ action: 'slow-down', atMs: 3, factor: 100 },
				{ action: 'fail-all', atMs: 4, on: true }
			],
			fn: [
				{ action: 'fail-all', atMs: 4, on: false },
				{ action: 'slow-down', atMs: 5, factor: 2.5 }
			],
			s: [
				{
					action: 'merge',
					atMs: 1,
					ShardToMerge: 'shardId-000000000000',
					AdjacentShardToMerge: 'shardId-000000000001'
				}
			]
		};
		const input = doc('q', {});
		input.nodes = (input.nodes as Json[]).map((n) => ({ ...n, Actions: actionsFor[n.id as string] }));
		const scenario = loadScenario(input);
		const actions = Object.fromEntries(
			scenario.nodes.map((n) => [n.id, 'Actions' in n ? n.Actions.map((a) => a.action) : []])
		);
		expect(actions).toEqual({
			q: ['start-message-move-task', 'send-message', 'make-poison'],
			'f.fifo': ['send-message'],
			p: ['pause', 'resume', 'set-rate'],
			c: ['crash', 'restart', 'slow-down', 'slow-down', 'fail-all'],
			fn: ['fail-all', 'slow-down'],
			s: ['merge']
		});
	});

	it('nodes without actions get an empty list', () => {
		const scenario = loadScenario(doc('q', {}));
		expect(scenario.nodes.map((n) => ('Actions' in n ? n.Actions : 'none'))).toEqual([
			[],
			[],
			[],
			[],
			[],
			[]
		]);
	});
});

describe('operator actions: wrong values are reported at their exact path', () => {
	it('atMs is 0–1,000,000,000 ms, a whole number, and required', () => {
		expect(errorsOf(doc('p', { Actions: [{ action: 'pause', atMs: 1_000_000_001 }] }))).toEqual([
			'nodes[2].Actions[0].atMs: must be 0–1000000000 ms'
		]);
		expect(errorsOf(doc('c', { Actions: [{ action: 'crash', atMs: 1.5 }] }))).toEqual([
			'nodes[3].Actions[0].atMs: must be 0–1000000000 ms (a whole number)'
		]);
		expect(errorsOf(doc('fn', { Actions: [{ action: 'fail-all', on: true }] }))).toEqual([
			'nodes[4].Actions[0].atMs: is required'
		]);
	});

	it('an unknown action names the ones the node has', () => {
		expect(errorsOf(doc('p', { Actions: [{ action: 'crash', atMs: 0 }] }))).toEqual([
			'nodes[2].Actions[0].action: must be pause, resume or set-rate'
		]);
		expect(errorsOf(doc('c', { Actions: [{ action: 'pause', atMs: 0 }] }))).toEqual([
			'nodes[3].Actions[0].action: must be crash, restart, slow-down or fail-all'
		]);
		expect(errorsOf(doc('fn', { Actions: [{ action: 'crash', atMs: 0 }] }))).toEqual([
			'nodes[4].Actions[0].action: must be fail-all or slow-down'
		]);
		expect(errorsOf(doc('q', { Actions: [{ action: 'purge', atMs: 0 }] }))).toEqual([
			'nodes[0].Actions[0].action: must be start-message-move-task, send-message or make-poison'
		]);
		expect(errorsOf(doc('s', { Actions: [{ action: 'merge-shards', atMs: 0 }] }))).toEqual([
			'nodes[5].Actions[0].action: must be split, update-shard-count or merge'
		]);
	});

	it('ranges and required parameters: factor 0.1–100, on, Rate, MessageBody, origin, DelaySeconds', () => {
		expect(errorsOf(doc('c', { Actions: [{ action: 'slow-down', atMs: 0, factor: 0.05 }] }))).toEqual([
			'nodes[3].Actions[0].factor: must be 0.1–100 times'
		]);
		expect(errorsOf(doc('fn', { Actions: [{ action: 'slow-down', atMs: 0, factor: 101 }] }))).toEqual([
			'nodes[4].Actions[0].factor: must be 0.1–100 times'
		]);
		expect(errorsOf(doc('c', { Actions: [{ action: 'fail-all', atMs: 0 }] }))).toEqual([
			'nodes[3].Actions[0].on: is required'
		]);
		expect(errorsOf(doc('c', { Actions: [{ action: 'fail-all', atMs: 0, on: 'yes' }] }))).toEqual([
			'nodes[3].Actions[0].on: must be true or false'
		]);
		expect(errorsOf(doc('p', { Actions: [{ action: 'set-rate', atMs: 0 }] }))).toEqual([
			'nodes[2].Actions[0].Rate: is required'
		]);
		expect(
			errorsOf(
				doc('p', { Actions: [{ action: 'set-rate', atMs: 0, Rate: { type: 'fixed', perSecond: 0 } }] })
			)
		).toEqual(['nodes[2].Actions[0].Rate.perSecond: must be 0.001–100000 messages per second']);
		expect(errorsOf(doc('q', { Actions: [{ action: 'send-message', atMs: 0 }] }))).toEqual([
			'nodes[0].Actions[0].MessageBody: is required'
		]);
		expect(errorsOf(doc('q', { Actions: [{ action: 'send-message', atMs: 0, MessageBody: '' }] }))).toEqual([
			'nodes[0].Actions[0].MessageBody: must not be empty'
		]);
		expect(
			errorsOf(
				doc('q', { Actions: [{ action: 'send-message', atMs: 0, MessageBody: 'x', DelaySeconds: 901 }] })
			)
		).toEqual(['nodes[0].Actions[0].DelaySeconds: must be 0–900 seconds']);
		expect(errorsOf(doc('q', { Actions: [{ action: 'make-poison', atMs: 0, origin: '' }] }))).toEqual([
			'nodes[0].Actions[0].origin: must not be empty'
		]);
		expect(
			errorsOf(
				doc('s', {
					Actions: [
						{ action: 'merge', atMs: 0, ShardToMerge: '0', AdjacentShardToMerge: 'shardId-000000000001' }
					]
				})
			)
		).toEqual(['nodes[5].Actions[0].ShardToMerge: must be a shard id like shardId-000000000000']);
	});

	it('a misspelt parameter gets the closest known name', () => {
		expect(errorsOf(doc('c', { Actions: [{ action: 'slow-down', atMs: 0, factr: 2, factor: 2 }] }))).toEqual([
			'nodes[3].Actions[0].factr: unknown parameter; did you mean factor?'
		]);
		expect(
			errorsOf(
				doc('q', { Actions: [{ action: 'send-message', atMs: 0, MessageBody: 'x', MessageGroupID: 'g' }] })
			)
		).toEqual(['nodes[0].Actions[0].MessageGroupID: unknown parameter; did you mean MessageGroupId?']);
		expect(
			errorsOf(
				doc('s', {
					Actions: [
						{
							action: 'merge',
							atMs: 0,
							ShardToMerge: 'shardId-000000000000',
							AdjacentShardToMerge: 'shardId-000000000001',
							Adjacent: 1
						}
					]
				})
			)
		).toEqual([
			'nodes[5].Actions[0].Adjacent: unknown parameter; expected one of action, atMs, ShardToMerge, AdjacentShardToMerge'
		]);
		expect(errorsOf(doc('p', { Actions: [{ action: 'pause', atMS: 5 }] }))).toEqual([
			'nodes[2].Actions[0].atMS: unknown parameter; did you mean atMs?',
			'nodes[2].Actions[0].atMs: is required'
		]);
	});
});

describe('operator actions: rules across nodes', () => {
	it('SQS-FIFO-2/-3/-7: a send to a FIFO queue needs a group and a deduplication id, and no delay', () => {
		expect(
			errorsOf(
				doc('f.fifo', { Actions: [{ action: 'send-message', atMs: 0, MessageBody: 'x', DelaySeconds: 5 }] })
			)
		).toEqual([
			'nodes[1].Actions[0].MessageGroupId: is required when sending to a FIFO queue (SQS-FIFO-2)',
			'nodes[1].Actions[0].DelaySeconds: per-message delay is not supported by FIFO queues (SQS-FIFO-7)',
			'nodes[1].Actions[0].MessageDeduplicationId: is required unless the FIFO queue has ContentBasedDeduplication (SQS-FIFO-3)'
		]);
		expect(
			errorsOf(
				doc('f.fifo', {
					ContentBasedDeduplication: true,
					Actions: [{ action: 'send-message', atMs: 0, MessageBody: 'x', MessageGroupId: 'g' }]
				})
			)
		).toEqual([]);
		expect(
			errorsOf(
				doc('q', {
					Actions: [{ action: 'send-message', atMs: 0, MessageBody: 'x', MessageDeduplicationId: 'd' }]
				})
			)
		).toEqual(['nodes[0].Actions[0].MessageDeduplicationId: is valid only for FIFO queues (SQS-FIFO-3)']);
	});

	it('KIN-11: a merge names two different shards that can exist', () => {
		expect(
			errorsOf(
				doc('s', {
					Actions: [
						{
							action: 'merge',
							atMs: 0,
							ShardToMerge: 'shardId-000000000001',
							AdjacentShardToMerge: 'shardId-000000000001'
						}
					]
				})
			)
		).toEqual(['nodes[5].Actions[0].AdjacentShardToMerge: must be another shard than ShardToMerge (KIN-11)']);
		expect(
			errorsOf(
				doc('s', {
					Actions: [
						{
							action: 'merge',
							atMs: 0,
							ShardToMerge: 'shardId-000000010000',
							AdjacentShardToMerge: 'shardId-000000000001'
						}
					]
				})
			)
		).toEqual(['nodes[5].Actions[0].ShardToMerge: no such shard']);
	});
});
