// A producer: sends templated messages to a queue at a fixed, Poisson or bursty rate, up to a count.
// Each message is "produced" at its send time and reaches the service LatencyMs later, so the stage can
// draw it travelling. Operator actions pause it, resume it and change its rate during the run
// (docs/ARCHITECTURE.md "Operator actions").

import { messageTargetOf } from '../nodes';
import type { SimContext, SimNode } from '../../engine/simulation';
import type { Random } from '../../engine/random';
import type { TraceInput } from '../../engine/trace';
import type { ProducerRate, ProducerSpec } from '../../engine/scenario';
import { scheduleActions, traceOperatorAction, unknownEvent, type ActionEvent } from '../shared/operator';
import { renderTemplate } from './template';
import type { SendMessageInput } from '../sqs/queue';

/** The events a producer schedules on itself: the next message, a send arriving after its latency, an action. */
export type ProducerEvent =
	{ type: 'PRODUCE' } | { type: 'ARRIVE'; input: SendMessageInput; origin: string } | ActionEvent;

/** Anything a producer can send to (services/nodes.ts messageTargetOf: queues, topics, streams, Firehose). */
export interface MessageTarget {
	acceptFromProducer(input: SendMessageInput, from: { from: string; origin: string }): void;
}

interface ProducerState {
	sent: number;
	/** The pending PRODUCE event (a scheduler handle) and when it is due. */
	nextTimer?: number;
	nextAt?: number;
	/** When the last send (or burst) went out. */
	lastAt?: number;
	/** Paused by an operator action: nothing is sent until a resume. */
	paused?: boolean;
	/** The rate a set-rate action chose; the spec's Rate until then. */
	rate?: ProducerRate;
}

export class Producer implements SimNode {
	readonly id: string;
	readonly type = 'producer';
	readonly spec: ProducerSpec;
	readonly ctx: SimContext;
	readonly rng: Random;
	readonly targetId: string;
	#s: ProducerState = { sent: 0 };

	constructor(spec: ProducerSpec, ctx: SimContext, targetId: string) {
		this.id = spec.id;
		this.spec = spec;
		this.ctx = ctx;
		this.targetId = targetId;
		this.rng = ctx.random(`producer:${spec.id}`);
	}

	get sent(): number {
		return this.#s.sent;
	}

	/** Whether an operator action paused it (nothing is sent until a resume). */
	get paused(): boolean {
		return this.#s.paused === true;
	}

	/** The rate in force: the spec's Rate, or the last set-rate action's. */
	get rate(): ProducerRate {
		return this.#s.rate ?? this.spec.Rate;
	}

	start(): void {
		this.#schedule(this.spec.StartAtMs);
		scheduleActions(this.ctx, this.id, this.spec.Actions);
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as ProducerState;
	}

	handle(event: ProducerEvent): void {
		switch (event.type) {
			case 'PRODUCE':
				return this.#produce();
			case 'ACTION':
				return this.#action(event.k);
			case 'ARRIVE':
				return this.#arrive(event.input, event.origin);
			default:
				return unknownEvent(`producer ${this.id}`, event);
		}
	}

	#schedule(at: number): void {
		const s = this.#s;
		if (s.nextTimer !== undefined) this.ctx.cancel(s.nextTimer);
		s.nextAt = at;
		s.nextTimer = this.ctx.at(at, this.id, { type: 'PRODUCE' });
	}

	#unschedule(): void {
		const s = this.#s;
		if (s.nextTimer !== undefined) this.ctx.cancel(s.nextTimer);
		s.nextTimer = undefined;
		s.nextAt = undefined;
	}

	/** The gap to the next send under `rate` (Poisson gaps are seeded draws). */
	#gapMs(rate: ProducerRate): number {
		return rate.type === 'fixed'
			? 1000 / rate.perSecond
			: rate.type === 'poisson'
				? this.rng.exponential(1000 / rate.perSecond)
				: rate.everySeconds * 1000;
	}

	#produce(): void {
		const s = this.#s;
		s.nextTimer = undefined;
		s.nextAt = undefined;
		if (s.paused) return;
		const rate = this.rate;
		const batch = rate.type === 'burst' ? rate.size : 1;
		s.lastAt = this.ctx.now();
		for (let k = 0; k < batch && !this.#done(); k++) this.#produceOne();
		if (this.#done()) return;
		this.#schedule(this.ctx.now() + this.#gapMs(rate));
	}

	/**
	 * Operator actions. pause: the pending send is cancelled (messages already on their way still arrive).
	 * resume: sending starts again at once (a burst producer sends a burst), never before StartAtMs.
	 * set-rate: later gaps follow the new rate; the next send is re-timed from atMs — fixed and burst rates
	 * send one new gap after the previous send, or at atMs if that is already past; a Poisson rate draws a
	 * fresh gap from atMs (exponential gaps are memoryless, so that is exactly a Poisson process of the new
	 * rate from atMs on). Before the first send, the first send stays at StartAtMs.
	 */
	#action(k: number): void {
		const a = this.spec.Actions[k];
		if (!a) return;
		const s = this.#s;
		const now = this.ctx.now();
		const finished = this.#done();
		if (a.action === 'pause') {
			const ignored = s.paused ? 'already-paused' : finished ? 'producer-finished' : undefined;
			traceOperatorAction(this.ctx, this.id, k, a, ignored ? { ignored } : {});
			if (ignored) return;
			s.paused = true;
			this.#unschedule();
		} else if (a.action === 'resume') {
			const ignored = !s.paused ? 'not-paused' : finished ? 'producer-finished' : undefined;
			traceOperatorAction(this.ctx, this.id, k, a, ignored ? { ignored } : {});
			if (!s.paused) return;
			delete s.paused;
			if (!finished) this.#schedule(Math.max(now, this.spec.StartAtMs));
		} else {
			traceOperatorAction(this.ctx, this.id, k, a, finished ? { ignored: 'producer-finished' } : {});
			s.rate = structuredClone(a.Rate);
			// Paused, finished or not yet started: the rate waits for the next send, timed as it already is.
			if (s.paused || finished || s.lastAt === undefined) return;
			const next =
				a.Rate.type === 'poisson' ? now + this.#gapMs(a.Rate) : Math.max(now, s.lastAt + this.#gapMs(a.Rate));
			this.#schedule(next);
		}
	}

	#done(): boolean {
		return this.spec.Count !== undefined && this.#s.sent >= this.spec.Count;
	}

	#produceOne(): void {
		const spec = this.spec;
		const n = ++this.#s.sent;
		const origin = `${spec.id}-${n}`;
		let body = renderTemplate(spec.Body, n, this.rng);
		if (spec.PayloadBytes !== undefined && body.length < spec.PayloadBytes)
			body = body.padEnd(spec.PayloadBytes, ' ');
		const input: SendMessageInput = { MessageBody: body };
		if (spec.MessageAttributes) {
			// Loops, not entries/fromEntries: this runs once per message (the same keys in the same order).
			const attrs: NonNullable<SendMessageInput['MessageAttributes']> = {};
			for (const name in spec.MessageAttributes) {
				const v = spec.MessageAttributes[name] as NonNullable<SendMessageInput['MessageAttributes']>[string];
				const a = { ...v };
				if (v.StringValue !== undefined) a.StringValue = renderTemplate(v.StringValue, n, this.rng);
				attrs[name] = a;
			}
			input.MessageAttributes = attrs;
		}
		if (spec.MessageGroupId !== undefined)
			input.MessageGroupId = renderTemplate(spec.MessageGroupId, n, this.rng);
		if (spec.MessageDeduplicationId !== undefined) {
			input.MessageDeduplicationId = renderTemplate(spec.MessageDeduplicationId, n, this.rng);
		}
		if (spec.DelaySeconds !== undefined) input.DelaySeconds = spec.DelaySeconds;
		// Kinesis targets read these two (KIN-1); queues and topics ignore them.
		const routed = input as SendMessageInput & { PartitionKey?: string; ExplicitHashKey?: string };
		if (spec.PartitionKey !== undefined) routed.PartitionKey = renderTemplate(spec.PartitionKey, n, this.rng);
		if (spec.ExplicitHashKey !== undefined) routed.ExplicitHashKey = spec.ExplicitHashKey;
		const event: Extract<TraceInput, { type: 'produced' }> = {
			type: 'produced',
			node: this.id,
			origin,
			target: this.targetId,
			body: spec.PayloadBytes !== undefined ? input.MessageBody.trimEnd() : input.MessageBody
		};
		// The optional fields in this order, assigned rather than spread (once per message).
		if (input.MessageAttributes) {
			const attributes: Record<string, { DataType: string; StringValue?: string }> = {};
			for (const k in input.MessageAttributes) {
				const v = input.MessageAttributes[k] as { DataType: string; StringValue?: string };
				const a: { DataType: string; StringValue?: string } = { DataType: v.DataType };
				if (v.StringValue !== undefined) a.StringValue = v.StringValue;
				attributes[k] = a;
			}
			event.attributes = attributes;
		}
		if (input.MessageGroupId !== undefined) event.groupId = input.MessageGroupId;
		if (input.MessageDeduplicationId !== undefined) event.dedupId = input.MessageDeduplicationId;
		this.ctx.trace(event);
		this.ctx.after(spec.LatencyMs, this.id, { type: 'ARRIVE', input, origin });
	}

	#arrive(input: SendMessageInput, origin: string): void {
		try {
			const target = messageTargetOf(this.ctx, this.targetId);
			if (!target) throw new Error(`${this.targetId} does not take messages`);
			target.acceptFromProducer(input, { from: this.id, origin });
		} catch (err) {
			const e = err as Error;
			this.ctx.trace({
				type: 'produce-failed',
				node: this.id,
				origin,
				target: this.targetId,
				error: e.name,
				message: e.message,
				cause: e.name
			});
		}
	}
}
