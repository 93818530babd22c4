// The Kinesis stream status machine (KIN-11, KIN-15), driven through its compiled table: CREATING → ACTIVE ⇄
// UPDATING, → DELETING,
// retention changes only while ACTIVE, and the named effects the stream node's executor runs. Then a
// resharding scenario and a sandbox run, checking that every status the stream and its shards went through
// is a path the machines allow.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompiledMachine } from '$lib/services/shared/compile-machine';
import { createSimulation, loadScenario } from '$lib/services';
import {
	type KinesisStream,
	RESHARD_MS,
	shardLifecycle,
	shardStatus,
	streamLifecycle,
	type ShardStatus,
	type StreamStatus
} from '$lib/services/kinesis';
import { createSandbox } from '$lib/sandbox';

describe('the stream status machine', () => {
	it('KIN-15: a new stream is CREATING; CREATED lays out its shards and makes it ACTIVE', () => {
		expect(streamLifecycle.initial).toBe('CREATING');
		expect(streamLifecycle.step('CREATING', 'CREATED')).toEqual(['ACTIVE', ['openInitialShards']]);
		expect(streamLifecycle.step('CREATING', 'RESHARD')).toBeUndefined();
		expect(streamLifecycle.step('CREATING', 'SET_RETENTION')).toBeUndefined();
	});

	it('KIN-15: DeleteStream makes a CREATING, ACTIVE or UPDATING stream DELETING; DELETED removes it', () => {
		for (const from of ['CREATING', 'ACTIVE', 'UPDATING'] as const) {
			expect(streamLifecycle.step(from, 'DELETE')).toEqual(['DELETING', ['scheduleDeleted']]);
		}
		expect(streamLifecycle.step('DELETING', 'DELETED')).toEqual(['DELETING', ['removeStream']]);
		for (const e of ['RESHARD', 'SET_RETENTION', 'DELETE', 'CREATED'] as const) {
			expect(streamLifecycle.step('DELETING', e)).toBeUndefined();
		}
	});

	it('KIN-11: a reshard makes an ACTIVE stream UPDATING and schedules its completion', () => {
		expect(streamLifecycle.step('ACTIVE', 'RESHARD')).toEqual(['UPDATING', ['scheduleReshardDone']]);
	});

	it('KIN-11: RESHARD_DONE applies the pending reshard and the stream is ACTIVE again', () => {
		expect(streamLifecycle.step('UPDATING', 'RESHARD_DONE')).toEqual(['ACTIVE', ['applyReshard']]);
		expect(streamLifecycle.must('UPDATING', 'RESHARD_DONE')).toBe('ACTIVE');
	});

	it('KIN-11: while UPDATING the stream accepts no other reshard and no retention change', () => {
		expect(streamLifecycle.step('UPDATING', 'RESHARD')).toBeUndefined();
		expect(streamLifecycle.step('UPDATING', 'SET_RETENTION')).toBeUndefined();
		expect(() => streamLifecycle.must('UPDATING', 'RESHARD')).toThrow(
			/no transition for RESHARD in state UPDATING/
		);
		// Nothing to complete while ACTIVE.
		expect(streamLifecycle.transitions('ACTIVE', 'RESHARD_DONE')).toEqual([]);
	});

	it('KIN-10: a retention change keeps the stream ACTIVE and re-times every trim', () => {
		expect(streamLifecycle.step('ACTIVE', 'SET_RETENTION')).toEqual(['ACTIVE', ['rescheduleTrims']]);
	});

	it('KIN-15: CREATING, ACTIVE, UPDATING and DELETING are modelled; no state is final, no guard decides', () => {
		expect([...streamLifecycle.states].sort()).toEqual(['ACTIVE', 'CREATING', 'DELETING', 'UPDATING']);
		expect([...streamLifecycle.events].sort()).toEqual([
			'CREATED',
			'DELETE',
			'DELETED',
			'RESHARD',
			'RESHARD_DONE',
			'SET_RETENTION'
		]);
		expect(streamLifecycle.guards).toEqual([]);
		expect([...streamLifecycle.effects].sort()).toEqual([
			'applyReshard',
			'openInitialShards',
			'removeStream',
			'rescheduleTrims',
			'scheduleDeleted',
			'scheduleReshardDone'
		]);
		for (const s of streamLifecycle.states) expect(streamLifecycle.isFinal(s)).toBe(false);
	});
});

/** Whether one transition of the machine (under some guard) leads from `from` to `to`. */
function allows<S extends string, E extends string>(m: CompiledMachine<S, E>, from: S, to: S): boolean {
	return m.events.some((e) => m.transitions(from, e).some((t) => t.target === to));
}

/** Every state reachable from the machine's initial state (the initial one included). */
function reachable<S extends string, E extends string>(m: CompiledMachine<S, E>): Set<S> {
	const seen = new Set<S>([m.initial]);
	for (const s of seen) for (const t of m.states) if (allows(m, s, t)) seen.add(t);
	return seen;
}

/** Records the distinct statuses an entity went through, in order. */
class History<S extends string> {
	readonly byId = new Map<string, S[]>();
	see(id: string, status: S): void {
		const h = this.byId.get(id);
		if (!h) this.byId.set(id, [status]);
		else if (h[h.length - 1] !== status) h.push(status);
	}
}

/** Each history starts in a state the machine can be in and moves only along the machine's transitions. */
function expectPaths<S extends string, E extends string>(m: CompiledMachine<S, E>, h: History<S>): void {
	const ok = reachable(m);
	for (const [id, path] of h.byId) {
		expect(ok.has(path[0] as S), `${m.id} ${id} starts in ${path[0]}`).toBe(true);
		for (let i = 1; i < path.length; i++) {
			const from = path[i - 1] as S;
			const to = path[i] as S;
			expect(allows(m, from, to), `${m.id} ${id}: ${path.join(' → ')}`).toBe(true);
		}
	}
}

describe('statuses a resharding run goes through are paths of the machines', () => {
	it('KIN-11: in kinesis-split-under-load, the stream goes ACTIVE → UPDATING → ACTIVE and the parent OPEN → CLOSED', () => {
		const scenario = loadScenario(
			JSON.parse(readFileSync('scenarios/kinesis-split-under-load.json', 'utf8'))
		);
		const sim = createSimulation(scenario);
		const stream = sim.nodes.get('events') as KinesisStream;
		const streamHistory = new History<StreamStatus>();
		const shardHistory = new History<ShardStatus>();
		const seen = new Set<string>();
		const observe = () => {
			streamHistory.see('events', stream.status);
			const listed = new Set(stream.shards().map((sh) => sh.ShardId));
			for (const sh of stream.shards()) seen.add(sh.ShardId);
			for (const id of seen) {
				const sh = stream.shard(id);
				shardHistory.see(id, sh ? shardStatus(sh, listed.has(id)) : 'EXPIRED');
			}
		};
		observe();
		while (sim.step()) observe();
		expectPaths(streamLifecycle, streamHistory);
		expectPaths(shardLifecycle, shardHistory);
		expect(streamHistory.byId.get('events')).toEqual(['ACTIVE', 'UPDATING', 'ACTIVE']);
		expect(Object.fromEntries(shardHistory.byId)).toEqual({
			'shardId-000000000000': ['OPEN', 'CLOSED'],
			'shardId-000000000001': ['OPEN'],
			'shardId-000000000002': ['OPEN']
		});
	});

	it('KIN-10/KIN-11: through the API, a merged pair goes OPEN → CLOSED → EXPIRED once retention has passed', () => {
		const sb = createSandbox({ seed: 1 });
		sb.kinesis.streamCreationMs = 0; // KIN-15: these streams are ACTIVE at once (the CREATING delay is tested on its own)
		const k = sb.kinesis;
		const StreamName = 'clicks';
		k.createStream({ StreamName, ShardCount: 2 });
		const streamHistory = new History<StreamStatus>();
		const shardHistory = new History<ShardStatus>();
		const seen = new Set<string>();
		const observe = () => {
			const status = k.describeStreamSummary({ StreamName }).StreamDescriptionSummary.StreamStatus;
			streamHistory.see(StreamName, status as StreamStatus);
			const shards = k.listShards({ StreamName }).Shards;
			for (const sh of shards) seen.add(sh.ShardId);
			for (const id of seen) {
				const sh = shards.find((x) => x.ShardId === id);
				// CLOSED shards report their EndingSequenceNumber (KIN-11); EXPIRED ones are no longer listed.
				shardHistory.see(
					id,
					sh ? shardStatus({ open: sh.SequenceNumberRange.EndingSequenceNumber === undefined }) : 'EXPIRED'
				);
			}
		};
		observe();
		for (let i = 0; i < 20; i++) k.putRecord({ StreamName, PartitionKey: `k${i}`, Data: 'x' });
		k.mergeShards({
			StreamName,
			ShardToMerge: 'shardId-000000000000',
			AdjacentShardToMerge: 'shardId-000000000001'
		});
		observe();
		sb.advanceTime(RESHARD_MS);
		observe();
		// Retention is 24 h: step past it an hour at a time.
		for (let h = 0; h < 26; h++) {
			sb.advanceTime(3_600_000);
			observe();
		}
		expectPaths(streamLifecycle, streamHistory);
		expectPaths(shardLifecycle, shardHistory);
		expect(streamHistory.byId.get(StreamName)).toEqual(['ACTIVE', 'UPDATING', 'ACTIVE']);
		expect(Object.fromEntries(shardHistory.byId)).toEqual({
			'shardId-000000000000': ['OPEN', 'CLOSED', 'EXPIRED'],
			'shardId-000000000001': ['OPEN', 'CLOSED', 'EXPIRED'],
			'shardId-000000000002': ['OPEN']
		});
	});
});
