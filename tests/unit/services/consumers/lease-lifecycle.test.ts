// KIN-14 / KIN-11: the KCL lease machine through its pure API (step, transitions, isFinal), and the failover
// scenario stepped event by event: every status change of a lease, and every one its trace implies, is a
// transition the machine allows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { createSimulation, loadScenario } from '$lib/services';
import type { KinesisConsumer } from '$lib/services/consumers/kcl';
import { type LeaseStatus, leaseLifecycle, leaseStatus } from '$lib/services/consumers/lease-lifecycle';

/** Whether some event takes a lease from `from` to `to` in one transition. */
const allowed = (from: LeaseStatus, to: LeaseStatus) =>
	leaseLifecycle.events.some((e) => leaseLifecycle.transitions(from, e).some((t) => t.target === to));

describe('KCL lease lifecycle', () => {
	it('KIN-14: a started shard is leased to the least-loaded live worker, which polls it', () => {
		expect(leaseLifecycle.initial).toBe('unleased');
		expect(leaseLifecycle.step('unleased', 'LEASE', { liveWorker: true })).toEqual([
			'held',
			['assignLeastLoaded', 'writeLease', 'startPolling']
		]);
		// With every worker dead, the row gets a (dead) owner and nobody renews it.
		expect(leaseLifecycle.step('unleased', 'LEASE', { liveWorker: false })?.[0]).toBe('orphaned');
		expect(leaseLifecycle.step('held', 'POLL')).toEqual(['held', ['readShard']]);
	});

	it('KIN-14: a dead worker’s lease is orphaned — its polling stops and a takeover is timed', () => {
		expect(leaseLifecycle.step('held', 'OWNER_DIED')).toEqual([
			'orphaned',
			['stopPolling', 'scheduleTakeover']
		]);
		// Not renewed: the dead worker neither reads nor writes its checkpoint.
		expect(leaseLifecycle.step('orphaned', 'POLL')).toEqual(['orphaned', []]);
		expect(leaseLifecycle.step('orphaned', 'CHECKPOINT', { writerHoldsLease: true })).toEqual([
			'orphaned',
			[]
		]);
		expect(leaseLifecycle.step('orphaned', 'OWNER_DIED')).toBeUndefined();
	});

	it('KIN-14: after FailoverTimeMillis the least-loaded live worker takes over from the last checkpoint', () => {
		expect(leaseLifecycle.step('orphaned', 'TAKEOVER', { liveWorker: () => true })).toEqual([
			'held',
			['takeOver', 'resumeFromCheckpoint', 'startPolling']
		]);
		// Nobody left to take it: it stays orphaned.
		expect(leaseLifecycle.step('orphaned', 'TAKEOVER', { liveWorker: false })).toEqual(['orphaned', []]);
		expect(leaseLifecycle.transitions('orphaned', 'TAKEOVER').map((t) => t.guard)).toEqual([
			'liveWorker',
			undefined
		]);
		expect(leaseLifecycle.step('held', 'TAKEOVER')).toBeUndefined();
	});

	it('KIN-14: only the worker holding the lease writes its checkpoint', () => {
		expect(leaseLifecycle.step('held', 'CHECKPOINT', { writerHoldsLease: true })).toEqual([
			'held',
			['writeCheckpoint']
		]);
		expect(leaseLifecycle.step('held', 'CHECKPOINT', { writerHoldsLease: false })).toEqual(['held', []]);
	});

	it('KIN-11: read to its end (or gone) the lease is finished at SHARD_END, and children may start', () => {
		expect(leaseLifecycle.step('held', 'READ_TO_END')).toEqual([
			'finished',
			['checkpointShardEnd', 'clearIterator', 'leaseChildren']
		]);
		expect(leaseLifecycle.step('held', 'SHARD_GONE')).toEqual(['finished', ['checkpointShardEnd']]);
		expect(leaseLifecycle.isFinal('finished')).toBe(true);
		for (const e of leaseLifecycle.events) expect(leaseLifecycle.step('finished', e)).toBeUndefined();
		expect(leaseLifecycle.step('orphaned', 'READ_TO_END')).toBeUndefined();
	});

	it('KIN-14: the status is read from the lease row and the dead workers', () => {
		expect(leaseStatus({ owner: 0, checkpoint: 'TRIM_HORIZON' }, [])).toBe('held');
		expect(leaseStatus({ owner: 0, checkpoint: '42' }, [0])).toBe('orphaned');
		expect(leaseStatus({ owner: 0, checkpoint: 'SHARD_END' }, [0])).toBe('finished');
		expect([...leaseLifecycle.guards].sort()).toEqual(['liveWorker', 'writerHoldsLease']);
		expect(leaseLifecycle.states).toEqual(['unleased', 'held', 'orphaned', 'finished']);
	});

	it('KIN-14: kinesis-kcl-failover: every status change and every lease the trace moves is a machine transition', () => {
		const scenario = loadScenario(JSON.parse(readFileSync('scenarios/kinesis-kcl-failover.json', 'utf8')));
		const mem = new MemorySink();
		const sim = createSimulation(scenario, { sinks: [mem] });
		const kcl = sim.nodes.get('aggregator') as KinesisConsumer;
		const failover = kcl.spec.FailoverTimeMillis;
		const status = new Map<string, LeaseStatus>();
		const changes: { shard: string; from: LeaseStatus; to: LeaseStatus; t: number }[] = [];
		sim.start();
		while (sim.step()) {
			for (const l of kcl.leases) {
				const from = status.get(l.shard) ?? 'unleased';
				const to = kcl.leaseStatus(l);
				if (to === from) continue;
				expect(allowed(from, to), `${l.shard}: ${from} → ${to}`).toBe(true);
				changes.push({ shard: l.shard, from, to, t: sim.now() });
				status.set(l.shard, to);
			}
		}
		const events = mem.events as TraceEvent[];
		const died = events.filter((e) => e.type === 'worker-died');
		const taken = events.filter((e) => e.type === 'lease-taken');
		expect(died.length).toBeGreaterThan(0);
		expect(taken.length).toBeGreaterThan(0);
		// worker-died: each lease it held went held → orphaned (OWNER_DIED), then.
		for (const d of died) {
			const orphaned = changes.filter((c) => c.t === d.t && c.from === 'held' && c.to === 'orphaned');
			expect(orphaned.length).toBeGreaterThan(0);
			expect(leaseLifecycle.step('held', 'OWNER_DIED')?.[0]).toBe('orphaned');
		}
		// lease-taken: orphaned → held (TAKEOVER with a live worker), FailoverTimeMillis after its worker died.
		for (const e of taken) {
			if (e.type !== 'lease-taken') continue;
			const death = died.find((d) => d.type === 'worker-died' && d.worker === e.from);
			expect(death && e.t - death.t).toBe(failover);
			expect(died.some((d) => d.type === 'worker-died' && d.worker === e.to && d.t <= e.t)).toBe(false);
			expect(changes).toContainEqual({ shard: e.shard, from: 'orphaned', to: 'held', t: e.t });
			expect(leaseLifecycle.step('orphaned', 'TAKEOVER', { liveWorker: true })?.[1]).toContain('takeOver');
			// Orphaned, the lease was not read (POLL does nothing): no record of its shard in between.
			const read = events.filter(
				(r) => r.type === 'record-processed' && r.shard === e.shard && r.t > (death?.t ?? 0) && r.t < e.t
			);
			expect(read).toEqual([]);
		}
	});
});
