// ESM-KIN-2..5: the Lambda Kinesis batch machine through its pure API (step, transitions, isFinal), and the
// bisect scenario's trace replayed through it: every transition the trace implies for each slot's batches
// is one the machine allows, with the guards the trace implies.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { createSimulation, loadScenario } from '$lib/services';
import {
	type BatchEvent,
	type BatchGuard,
	type BatchStatus,
	batchStatus,
	kinesisBatchLifecycle as m
} from '$lib/services/consumers/kinesis-batch-lifecycle';
import type { Guards } from '$lib/services/shared/compile-machine';
import type { LambdaKinesisEventSource } from '$lib/services/consumers/lambda-kinesis';

describe('Lambda Kinesis batch lifecycle', () => {
	it('ESM-KIN-2: a batch waits for its slot, then one invocation at a time', () => {
		expect(m.initial).toBe('waiting');
		expect(m.step('waiting', 'INVOKE')).toEqual(['invoking', ['invoke']]);
		// The first attempt is never given up on: only a failed batch is.
		expect(m.transitions('waiting', 'INVOKE').map((t) => t.guard)).toEqual([undefined]);
		expect(m.step('waiting', 'SUCCEEDED')).toBeUndefined();
		expect(m.step('invoking', 'INVOKE')).toBeUndefined();
	});

	it('ESM-KIN-3: a success checkpoints past the batch; a failure blocks the slot until it is retried', () => {
		expect(m.step('invoking', 'SUCCEEDED')).toEqual([
			'succeeded',
			['checkpoint', 'reportSuccess', 'nextBatch']
		]);
		expect(m.step('invoking', 'FAILED', { bisectable: false })).toEqual([
			'failed',
			['reportFailure', 'countAttempt', 'nextBatch']
		]);
		expect(m.step('failed', 'INVOKE', { retriesExhausted: false, recordTooOld: false })).toEqual([
			'invoking',
			['invoke']
		]);
		expect(m.step('failed', 'SUCCEEDED')).toBeUndefined();
	});

	it('ESM-KIN-4: with BisectBatchOnFunctionError a failed batch of more than one record is split in two', () => {
		expect(m.step('invoking', 'FAILED', { bisectable: () => true })).toEqual([
			'bisected',
			['reportFailure', 'bisect', 'nextBatch']
		]);
		// Splitting uses up no attempt.
		expect(m.step('invoking', 'FAILED', { bisectable: true })?.[1]).not.toContain('countAttempt');
		expect(m.isFinal('bisected')).toBe(true);
	});

	it('ESM-KIN-5: retries run out or the oldest record is too old: discarded to the on-failure destination', () => {
		expect(m.step('failed', 'INVOKE', { retriesExhausted: true, recordTooOld: true })).toEqual([
			'discarded',
			['discardRetriesExhausted', 'nextBatch']
		]);
		expect(m.step('failed', 'INVOKE', { recordTooOld: () => true })).toEqual([
			'discarded',
			['discardRecordTooOld', 'nextBatch']
		]);
		expect(m.transitions('failed', 'INVOKE').map((t) => t.guard)).toEqual([
			'retriesExhausted',
			'recordTooOld',
			undefined
		]);
		for (const s of ['succeeded', 'bisected', 'discarded'] as const) {
			expect(m.isFinal(s)).toBe(true);
			for (const e of m.events) expect(m.step(s, e)).toBeUndefined();
		}
	});

	it('ESM-KIN-6: a partial batch response checkpoints before the lowest failure and waits to be retried', () => {
		expect(m.step('invoking', 'PARTIAL')).toEqual([
			'failed',
			['reportPartial', 'checkpointBeforeFailure', 'countAttempt', 'nextBatch']
		]);
		// Not a function error: never bisected, whatever the bisect guard says.
		expect(m.transitions('invoking', 'PARTIAL').map((t) => t.guard)).toEqual([undefined]);
		expect(m.step('invoking', 'PARTIAL', { bisectable: true })?.[0]).toBe('failed');
		expect(m.step('waiting', 'PARTIAL')).toBeUndefined();
		expect(m.step('failed', 'PARTIAL')).toBeUndefined();
		// The retried rest is a failed batch: its retries or age running out discard it (ESM-KIN-5).
		expect(m.step('failed', 'INVOKE', { retriesExhausted: true })?.[0]).toBe('discarded');
	});

	it('ESM-KIN-3: the status is read from the slot and the batch', () => {
		expect(batchStatus(true, { attempts: 2 })).toBe('invoking');
		expect(batchStatus(false, { attempts: 2 })).toBe('failed');
		expect(batchStatus(false, { attempts: 0 })).toBe('waiting');
		expect([...m.guards].sort()).toEqual(['bisectable', 'recordTooOld', 'retriesExhausted']);
		expect(m.states).toEqual(['waiting', 'invoking', 'failed', 'succeeded', 'bisected', 'discarded']);
	});

	it('ESM-KIN-3/-4/-5: kinesis-lambda-bisect: every batch transition its trace implies is a machine transition', () => {
		const scenario = loadScenario(JSON.parse(readFileSync('scenarios/kinesis-lambda-bisect.json', 'utf8')));
		const mem = new MemorySink();
		const sim = createSimulation(scenario, { sinks: [mem] });
		sim.run();
		const maxRetries = 2; // the scenario's MaximumRetryAttempts

		/** Per slot: its head batch's status, size and attempt (as batch-invoked counts them). */
		const slots = new Map<string, { status: BatchStatus; size: number; attempt: number; failed?: true }>();
		const taken = new Map<string, number>();
		const go = (from: BatchStatus, event: BatchEvent, to: BatchStatus, guards?: Guards<BatchGuard>) => {
			const stepped = m.step(from, event, guards);
			expect(stepped?.[0], `${from} --${event}--> ${to}`).toBe(to);
			const key = `${from}>${to}`;
			taken.set(key, (taken.get(key) ?? 0) + 1);
		};
		for (const e of mem.events as TraceEvent[]) {
			if (e.type === 'batch-invoked') {
				const head = slots.get(e.worker);
				const attempt = e.attempt ?? 1;
				if (head) {
					expect(head.failed).toBe(true); // A head still in its slot after its invocation failed.
					// It failed: bisected into halves (the first now invoked) or retried as it is.
					if (head.size > 1) {
						go('invoking', 'FAILED', 'bisected', { bisectable: true });
						expect(e.size).toBe(Math.ceil(head.size / 2));
						expect(attempt).toBe(head.attempt);
						go(attempt > 1 ? 'failed' : 'waiting', 'INVOKE', 'invoking');
					} else {
						go('invoking', 'FAILED', 'failed', { bisectable: false });
						expect(e.size).toBe(head.size);
						expect(attempt).toBe(head.attempt + 1);
						go('failed', 'INVOKE', 'invoking', { retriesExhausted: attempt - 1 > maxRetries });
					}
				} else go(attempt > 1 ? 'failed' : 'waiting', 'INVOKE', 'invoking');
				slots.set(e.worker, { status: 'invoking', size: e.size, attempt });
			} else if (e.type === 'batch-result' && e.ok) {
				go('invoking', 'SUCCEEDED', 'succeeded');
				slots.delete(e.worker);
			} else if (e.type === 'batch-result') {
				const head = slots.get(e.worker);
				expect(head?.status).toBe('invoking');
				if (head) head.failed = true;
			} else if (e.type === 'batch-discarded') {
				const head = slots.get(e.worker);
				expect(head?.failed).toBe(true);
				expect(head?.size).toBe(e.size);
				// Its last attempt failed, which used up the retries (ESM-KIN-5).
				go('invoking', 'FAILED', 'failed', { bisectable: false });
				expect((head?.attempt ?? 0) > maxRetries).toBe(true);
				go('failed', 'INVOKE', 'discarded', { retriesExhausted: true });
				expect(m.step('failed', 'INVOKE', { retriesExhausted: true })?.[1]).toContain(
					'discardRetriesExhausted'
				);
				expect(e.cause).toBe('retries-exhausted');
				slots.delete(e.worker);
			}
		}
		// At the end each slot's head, if any, is still in the slot: in a state that is not final.
		const fn = sim.nodes.get('ingest') as LambdaKinesisEventSource;
		for (const lease of fn.leases)
			lease.slots.forEach((_, k) => {
				const s = fn.headStatus(lease, k);
				if (s !== undefined) expect(m.isFinal(s)).toBe(false);
			});
		// The scenario shows every path: success, bisect, retry, give up.
		for (const key of ['invoking>succeeded', 'invoking>bisected', 'failed>invoking', 'failed>discarded'])
			expect(taken.get(key) ?? 0, key).toBeGreaterThan(0);
	});
});
