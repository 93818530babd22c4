// The world behind a sandbox: a Simulation with no scenario nodes, to which API calls add resources as
// they are created. One client node ("sandbox") receives the results of long polls. Time moves only when
// the caller advances it.

import { MemorySink, type TraceEvent, type TraceSink } from '../engine/trace';
import { Simulation, type NodeEvent, type SimContext, type SimNode } from '../engine/simulation';
import type { Random } from '../engine/random';
import type { ReceiveMessageOutput } from '../services/sqs';
import { AwsError } from '../services/shared';

/** What every SDK v3 output carries. */
export interface ResponseMetadata {
	httpStatusCode: number;
	requestId: string;
	attempts: number;
	totalRetryDelay: number;
}

export type Output<T> = T & { $metadata: ResponseMetadata };

export const SANDBOX_CLIENT = 'sandbox';

/** The HTTP status an SDK reports with an error: 500 for server faults, 404 for SNS's NotFound (recorded:
 * LocalStack test_sns.snapshot.json), else 400. */
function statusOf(err: AwsError): number {
	if (err.$fault === 'server') return 500;
	return err.name === 'NotFoundException' || err.name === 'NotFound' ? 404 : 400;
}

type ReceiveListener = (requestId: string, output: ReceiveMessageOutput) => void;

/** The caller's side of the API: it gets long-poll results (SQS-STD-2) as scheduler events. */
class ClientNode implements SimNode {
	readonly id = SANDBOX_CLIENT;
	readonly type = 'sandbox-client';
	listeners: ReceiveListener[] = [];
	sleepers = new Map<number, () => void>();
	start(): void {}
	handle(event: NodeEvent): void {
		if (event.type === 'RECEIVE_RESULT') {
			for (const l of this.listeners) l(event.requestId as string, event.output as ReceiveMessageOutput);
		}
		if (event.type === 'WAKE') {
			const wake = this.sleepers.get(event.id as number);
			this.sleepers.delete(event.id as number);
			wake?.();
		}
	}
	snapshot(): unknown {
		return null;
	}
	restore(): void {}
}

export interface SandboxWorldOptions {
	seed: number;
	/** Keep every trace event in memory (default true); pass extra sinks to stream elsewhere. */
	keepTrace?: boolean;
	sinks?: TraceSink[];
}

export class SandboxWorld {
	readonly simulation: Simulation;
	readonly memory: MemorySink | undefined;
	readonly #client = new ClientNode();

	constructor(options: SandboxWorldOptions) {
		this.memory = options.keepTrace === false ? undefined : new MemorySink();
		const sinks = [...(this.memory ? [this.memory] : []), ...(options.sinks ?? [])];
		this.simulation = new Simulation(
			{
				version: 1,
				name: 'sandbox',
				seed: options.seed,
				durationMs: Number.MAX_SAFE_INTEGER,
				nodes: []
			},
			{
				sinks,
				createNode: () => {
					throw new Error('a sandbox has no scenario nodes');
				}
			}
		);
		this.simulation.nodes.set(SANDBOX_CLIENT, this.#client);
		this.simulation.start();
	}

	get context(): SimContext {
		return this.simulation.context;
	}

	now(): number {
		return this.simulation.now();
	}

	random(componentId: string): Random {
		return this.simulation.context.random(componentId);
	}

	/** Add (or replace, for a re-created resource) a node. */
	addNode(node: SimNode): void {
		this.simulation.nodes.set(node.id, node);
		node.start();
	}

	#sleeps = 0;

	/** A promise that resolves once simulated time has advanced by `ms` (when the caller advances it). */
	sleep(ms: number): Promise<void> {
		const id = ++this.#sleeps;
		return new Promise((resolve) => {
			this.#client.sleepers.set(id, resolve);
			this.simulation.context.after(ms, SANDBOX_CLIENT, { type: 'WAKE', id });
		});
	}

	onReceiveResult(listener: ReceiveListener): void {
		this.#client.listeners.push(listener);
	}

	/** Run every event due within the next `ms` of simulated time, then set the clock there. */
	advanceTime(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0)
			throw new RangeError(`advanceTime: ms must be a finite number ≥ 0 (got ${ms})`);
		this.simulation.scheduler.runUntil(this.now() + ms);
	}

	/** An SDK-shaped output: the result plus `$metadata` with a request id from the seeded `stream`. */
	respond<T extends object>(stream: string, output: T): Output<T> {
		const requestId = this.random(stream).uuid();
		return { ...output, $metadata: { httpStatusCode: 200, requestId, attempts: 1, totalRetryDelay: 0 } };
	}

	/**
	 * Run one API call of any client: afterwards, whatever the call made due at this instant (a 0 s visibility
	 * timeout, a woken long poll, an SNS delivery) happens; AWS errors get SDK-like `$metadata`.
	 */
	call<T>(fn: () => T): T {
		try {
			const out = fn();
			this.settle();
			return out;
		} catch (err) {
			if (err instanceof AwsError) {
				Object.assign(err, {
					$metadata: { httpStatusCode: statusOf(err), attempts: 1, totalRetryDelay: 0 }
				});
			}
			throw err;
		}
	}

	/** Fire every event due at the current instant. */
	settle(): void {
		this.simulation.scheduler.runUntil(this.now());
	}

	trace(): readonly TraceEvent[] {
		return this.memory?.events ?? [];
	}
}
