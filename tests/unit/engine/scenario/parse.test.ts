import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, migrateScenario, type Migration } from '$lib/engine/scenario';
import { parseScenario } from '$lib/services';

const base = () => ({
	version: 1,
	name: 'test',
	seed: 1,
	durationMs: 10_000,
	nodes: [
		{ id: 'q', type: 'sqs-queue' },
		{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 1 } },
		{ id: 'c', type: 'consumer', source: 'q' }
	] as Record<string, unknown>[]
});

function errorsOf(input: unknown): string[] {
	const r = parseScenario(input);
	if (r.ok) return [];
	return r.errors.map(formatIssue);
}

describe('scenario format v1', () => {
	it('accepts a minimal scenario and fills AWS defaults', () => {
		const r = parseScenario(base());
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const q = r.scenario.nodes[0];
		expect(q?.type).toBe('sqs-queue');
		if (q?.type !== 'sqs-queue') return;
		expect(q.VisibilityTimeout).toBe(30); // SQS-STD-4
		expect(q.MessageRetentionPeriod).toBe(345600); // SQS-STD-9
		expect(q.DelaySeconds).toBe(0); // SQS-STD-8
	});

	it('every sample scenario in scenarios/ is valid', () => {
		const files = readdirSync('scenarios').filter((f) => f.endsWith('.json'));
		expect(files.length).toBeGreaterThan(0);
		for (const f of files) {
			const r = parseScenario(readFileSync(`scenarios/${f}`, 'utf8'));
			expect(r.ok ? [] : r.errors.map(formatIssue), f).toEqual([]);
		}
	});

	it('names the exact path and the rule for an out-of-range AWS property', () => {
		const s = base();
		(s.nodes[0] as Record<string, unknown>).VisibilityTimeout = 50000;
		expect(errorsOf(s)).toEqual(['nodes[0].VisibilityTimeout: must be 0–43200 seconds']);
	});

	it('rejects non-integers, wrong types, missing fields and unknown node types with paths', () => {
		const s = base();
		(s.nodes[0] as Record<string, unknown>).DelaySeconds = 1.5;
		expect(errorsOf(s)).toEqual(['nodes[0].DelaySeconds: must be 0–900 seconds (a whole number)']);
		const t = base();
		delete (t.nodes[1] as Record<string, unknown>).Rate;
		expect(errorsOf(t)).toEqual(['nodes[1].Rate: is required']);
		const u = base();
		(u.nodes[2] as Record<string, unknown>).type = 'teleporter';
		expect(errorsOf(u)[0]).toMatch(/^nodes\[2\]\.type: must be one of .*sqs-queue/);
		expect(errorsOf({ ...base(), seed: -1 })).toEqual(['seed: must be 0–4294967295']);
	});

	it('reports JSON syntax errors and non-objects at the document level', () => {
		expect(errorsOf('{"version": 1,')[0]).toMatch(/^not valid JSON/);
		expect(errorsOf('[]')).toEqual(['a scenario must be a JSON object']);
	});

	it('checks references: unknown ids, wrong node types, duplicate ids', () => {
		const s = base();
		(s.nodes[1] as Record<string, unknown>).target = 'nowhere';
		expect(errorsOf(s)).toEqual(["nodes[1].target: no node with id 'nowhere'"]);
		const t = base();
		(t.nodes[2] as Record<string, unknown>).source = 'p';
		expect(errorsOf(t)).toEqual(["nodes[2].source: 'p' is a producer; expected sqs-queue"]);
		const u = base();
		u.nodes.push({ id: 'q', type: 'sqs-queue' });
		expect(errorsOf(u)).toEqual(["nodes[3].id: duplicate id 'q'"]);
	});

	it('SQS-FIFO-1: FIFO names end in .fifo; SQS-DLQ-1: the DLQ has the type of its source', () => {
		const s = base();
		s.nodes[0] = { id: 'q', type: 'sqs-queue', FifoQueue: true };
		s.nodes[1] = { ...s.nodes[1], MessageGroupId: 'g', MessageDeduplicationId: 'd{n}' };
		expect(errorsOf(s)).toEqual(['nodes[0].id: a FIFO queue name must end with .fifo']);
		const t = base();
		t.nodes[0] = {
			id: 'q',
			type: 'sqs-queue',
			RedrivePolicy: { deadLetterTargetArn: 'dlq.fifo', maxReceiveCount: 3 }
		};
		t.nodes.push({ id: 'dlq.fifo', type: 'sqs-queue', FifoQueue: true });
		expect(errorsOf(t)).toEqual([
			'nodes[0].RedrivePolicy.deadLetterTargetArn: the dead-letter queue must be a standard queue, like its source'
		]);
	});

	it('SQS-FIFO-2: a producer to a FIFO queue needs a MessageGroupId', () => {
		const s = base();
		s.nodes[0] = { id: 'q.fifo', type: 'sqs-queue', FifoQueue: true, ContentBasedDeduplication: true };
		s.nodes[1] = { ...s.nodes[1], target: 'q.fifo' };
		s.nodes[2] = { ...s.nodes[2], source: 'q.fifo' };
		expect(errorsOf(s)).toEqual([
			'nodes[1].MessageGroupId: is required when sending to a FIFO queue (SQS-FIFO-2)'
		]);
	});

	it('refuses unknown and future versions with a clear message', () => {
		expect(errorsOf({ ...base(), version: 99 })).toEqual([
			'version: 99 is newer than this app understands (up to 1); reload to update'
		]);
		expect(errorsOf({ ...base(), version: undefined })[0]).toMatch(/^version: missing/);
	});

	it('runs migration steps in order up to the current version', () => {
		const migrations: Record<number, Migration> = {
			1: (s) => ({ ...s, renamed: s.old, old: undefined }),
			2: (s) => ({ ...s, extra: true })
		};
		const out = migrateScenario({ version: 1, old: 'x' }, 3, migrations) as Record<string, unknown>;
		expect(out).toMatchObject({ version: 3, renamed: 'x', extra: true });
		expect(() => migrateScenario({ version: 1 }, 3, { 1: (s) => s })).toThrow(
			/no migration from version 2 to 3/
		);
	});
});
