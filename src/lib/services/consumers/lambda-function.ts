// What a Lambda function node is whatever its event source mapping (SQS, ESM-SQS-*; Kinesis, ESM-KIN-*): its
// spec, its seeded random stream, and the operator actions on it (docs/ARCHITECTURE.md "Operator actions").
// fail-all: invocations that end from atMs fail (on), or follow the function's rules again (off). slow-down:
// invocations that start from atMs take their processing time × factor, so a slowed function can run into
// its Timeout (ESM-SQS-3 and ESM-KIN-3 decide what a failure then does). The event of the most recent
// invocation (ESM-SQS-8 / ESM-KIN-8, lambda-events.ts) is kept for the inspector: only the last one, outside
// the mapping's state (checkpoints do not copy it, and a restore forgets it), and never in the trace.

import type { SimContext } from '../../engine/simulation';
import type { Random } from '../../engine/random';
import type { LambdaSpec } from '../../engine/scenario';
import { traceOperatorAction } from '../shared/operator';

/** What the operator changed about the function, kept in its mapping's state (so checkpoints carry it). */
export interface FunctionFaults {
	/** slow-down: the function's processing time × this, for invocations that start from the action on. */
	slowFactor: number;
	/**
	 * fail-all on: every invocation that ends from the action on fails, as a function error (on a Kinesis
	 * source, ESM-KIN-3 then blocks the shard).
	 */
	failAll: boolean;
}

export abstract class LambdaFunction {
	readonly id: string;
	readonly type = 'lambda';
	/** Which event source mapping this Lambda is (its ServiceNode discriminant beside type). */
	abstract readonly eventSource: 'sqs' | 'kinesis';
	readonly spec: LambdaSpec;
	readonly ctx: SimContext;
	readonly rng: Random;

	/** The last invocation's event, built when first asked for (its inputs are never changed in place). */
	#lastEvent: { build: () => unknown; built?: { event: unknown } } | undefined;

	constructor(spec: LambdaSpec, ctx: SimContext) {
		this.id = spec.id;
		this.spec = spec;
		this.ctx = ctx;
		this.rng = ctx.random(`lambda:${spec.id}`);
	}

	/** The mapping's state, where the operator's changes live. */
	protected abstract get faults(): FunctionFaults;

	get slowFactor(): number {
		return this.faults.slowFactor;
	}
	get failAll(): boolean {
		return this.faults.failAll;
	}

	/** The event (ESM-SQS-8 / ESM-KIN-8) of the most recent invocation; undefined before any (or after a restore). */
	lastEvent(): unknown {
		const last = this.#lastEvent;
		if (!last) return undefined;
		last.built ??= { event: last.build() };
		return last.built.event;
	}

	/** Keep the most recent invocation's event, built by `build` (replacing the one before); undefined forgets it. */
	protected keepEvent(build: (() => unknown) | undefined): void {
		this.#lastEvent = build ? { build } : undefined;
	}

	/** Trace the function's action number `k` (an ACTION event) and apply it. */
	protected action(k: number): void {
		const a = this.spec.Actions[k];
		if (!a) return;
		traceOperatorAction(this.ctx, this.id, k, a);
		if (a.action === 'fail-all') this.faults.failAll = a.on;
		else this.faults.slowFactor = a.factor;
	}
}
