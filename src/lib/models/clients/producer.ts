// A producer: sends templated messages to a queue at a fixed, Poisson or bursty rate, up to a count.
// Each message is "produced" at its send time and reaches the service LatencyMs later, so the stage can
// draw it travelling.

import type { NodeEvent, SimContext, SimNode } from '../../engine/simulation';
import type { Random } from '../../engine/random';
import type { ProducerSpec } from '../../engine/scenario';
import { renderTemplate } from './template';
import type { SendMessageInput } from '../sqs/queue';

/** Anything a producer can send to: SQS queues today, SNS topics and Kinesis streams later. */
export interface MessageTarget {
	acceptFromProducer(input: SendMessageInput, from: { from: string; origin: string }): void;
}

interface ProducerState {
	sent: number;
	nextTimer?: number;
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

	start(): void {
		this.#s.nextTimer = this.ctx.at(this.spec.StartAtMs, this.id, { type: 'PRODUCE' });
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as ProducerState;
	}

	handle(event: NodeEvent): void {
		if (event.type === 'PRODUCE') return this.#produce();
		if (event.type === 'ARRIVE') return this.#arrive(event.input as SendMessageInput, event.origin as string);
		throw new Error(`producer ${this.id}: unknown event ${event.type}`);
	}

	#produce(): void {
		const spec = this.spec;
		const rate = spec.Rate;
		const batch = rate.type === 'burst' ? rate.size : 1;
		for (let k = 0; k < batch && !this.#done(); k++) this.#produceOne();
		if (this.#done()) return;
		const gapMs =
			rate.type === 'fixed'
				? 1000 / rate.perSecond
				: rate.type === 'poisson'
					? this.rng.exponential(1000 / rate.perSecond)
					: rate.everySeconds * 1000;
		this.#s.nextTimer = this.ctx.after(gapMs, this.id, { type: 'PRODUCE' });
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
			input.MessageAttributes = Object.fromEntries(
				Object.entries(spec.MessageAttributes).map(([name, v]) => [
					name,
					{
						...v,
						...(v.StringValue !== undefined
							? { StringValue: renderTemplate(v.StringValue, n, this.rng) }
							: {})
					}
				])
			);
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
		this.ctx.trace({
			type: 'produced',
			node: this.id,
			origin,
			target: this.targetId,
			body: spec.PayloadBytes !== undefined ? input.MessageBody.trimEnd() : input.MessageBody,
			...(input.MessageAttributes
				? {
						attributes: Object.fromEntries(
							Object.entries(input.MessageAttributes).map(([k, v]) => [
								k,
								{
									DataType: v.DataType,
									...(v.StringValue !== undefined ? { StringValue: v.StringValue } : {})
								}
							])
						)
					}
				: {}),
			...(input.MessageGroupId !== undefined ? { groupId: input.MessageGroupId } : {}),
			...(input.MessageDeduplicationId !== undefined ? { dedupId: input.MessageDeduplicationId } : {})
		});
		this.ctx.after(spec.LatencyMs, this.id, { type: 'ARRIVE', input, origin });
	}

	#arrive(input: SendMessageInput, origin: string): void {
		const target = this.ctx.node(this.targetId) as unknown as MessageTarget;
		try {
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
