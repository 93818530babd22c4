// An SNS topic (standard or FIFO) as a simulation node: Publish fans out to every confirmed subscription
// whose filter policy matches (SNS-TOP-1, SNS-FP-*); each delivery has its own attempts, retries along its
// delivery policy (SNS-RETRY-*), and ends delivered, in the subscription's DLQ or dropped with a reason
// (SNS-DLQ-*). FIFO topics deduplicate and keep order per group into SQS FIFO queues (SNS-FIFO-*).
// Deliveries are plain data advanced through the delivery lifecycle machine; every timer is a data event.

import { subscriptionLifecycle } from './subscription-lifecycle';
import type { SimContext, SimNode } from '../../engine/simulation';
import { unknownEvent } from '../shared/operator';
import type { Random } from '../../engine/random';
import type { TraceInput } from '../../engine/trace';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { awsError } from '../shared/errors';
import type { SendMessageInput } from '../sqs/queue';
import { nodeOf } from '../nodes';
import { attemptEndpoint, type AttemptOutcome, type EndpointBehaviour } from './endpoint';
import { notificationEnvelope, snsTopicArn, sqsAttributesFor, type PublishedMessage } from './envelope';
import type { Guards } from '../shared/compile-machine';
import {
	deliveryLifecycle,
	type DeliveryEffect,
	type DeliveryEvent,
	type DeliveryGuard
} from './delivery-lifecycle';
import {
	attributeView,
	matchesFilterPolicy,
	matchView,
	parseFilterPolicy,
	type FilterPolicy,
	type MessageForFilter,
	type MessageView
} from './filter-policy';
import { scheduleFor } from './retry-policy';
import { retryDelayMs, retryPhase, type RetrySchedule } from './retry-schedule';
import { FIFO_DEDUP_WINDOW_MS } from './limits';
import { validatePublishInput } from './publish-validation';
import {
	checkSubscriptionAttributes,
	withSubscriptionAttribute,
	type SubscriptionAttributes
} from './subscription-attributes';
import {
	SNS_PROTOCOLS,
	type Delivery,
	type PublishInput,
	type PublishOutput,
	type SnsProtocol,
	type Subscription,
	type TopicConfig,
	type TopicEvent
} from './topic-types';

export * from './topic-types';
export type { SubscriptionAttributes } from './subscription-attributes';

const DEDUP_WINDOW_MS = FIFO_DEDUP_WINDOW_MS; // SNS-FIFO-2
/** SNS-TOP-2: the protocols whose subscriptions stay PendingConfirmation until the endpoint confirms. */
const NEEDS_CONFIRMATION: ReadonlySet<SnsProtocol> = new Set(['http', 'https', 'email', 'email-json']);

interface TopicState {
	config: TopicConfig;
	subs: Subscription[];
	messages: Map<string, PublishedMessage & { open: number }>;
	deliveries: Map<number, Delivery>;
	nextDelivery: number;
	nextSub: number;
	dedup: Map<string, { messageId: string; sequenceNumber?: string; expiresAt: number }>;
	lastSequence: bigint;
	deleted: boolean;
}

function invalid(message: string): Error {
	return awsError('InvalidParameterException', `Invalid parameter: ${message}`);
}

export class SnsTopic implements SimNode {
	readonly id: string;
	readonly type = 'sns-topic';
	readonly ctx: SimContext;
	readonly rng: Random;
	/** Resolves an SQS queue reference (ARN, URL or node id) to a node id. */
	readonly resolve: (ref: string) => string | undefined;
	#s: TopicState;
	/** Parsed filter policies by scope and text: derived data, never part of a checkpoint. */
	readonly #policies = {
		MessageAttributes: new Map<string, FilterPolicy>(),
		MessageBody: new Map<string, FilterPolicy>()
	};

	constructor(
		id: string,
		config: TopicConfig,
		ctx: SimContext,
		resolve: (ref: string) => string | undefined
	) {
		this.id = id;
		this.ctx = ctx;
		this.rng = ctx.random(`sns:${id}`);
		this.resolve = resolve;
		this.#s = {
			config,
			subs: [],
			messages: new Map(),
			deliveries: new Map(),
			nextDelivery: 1,
			nextSub: 1,
			dedup: new Map(),
			lastSequence: 10_000_000_000_000_000_000n,
			deleted: false
		};
	}

	get arn(): string {
		return snsTopicArn(this.#s.config.TopicName);
	}
	get config(): Readonly<TopicConfig> {
		return this.#s.config;
	}
	get fifo(): boolean {
		return this.#s.config.FifoTopic;
	}
	subscriptions(): readonly Readonly<Subscription>[] {
		return this.#s.subs.filter((s) => s.status !== 'deleted');
	}
	deliveries(): Delivery[] {
		return [...this.#s.deliveries.values()];
	}

	start(): void {}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as TopicState;
	}

	handle(event: TopicEvent): void {
		switch (event.type) {
			case 'ATTEMPT':
				return this.#attempt(event.delivery);
			case 'ATTEMPT_DONE':
				return this.#attemptDone(event.delivery, event.outcome);
			default:
				return unknownEvent(`sns-topic ${this.id}`, event);
		}
	}

	/** Schedule one of the topic's own events `delayMs` from now (typed: only events it handles). */
	#after(delayMs: number, event: TopicEvent): number {
		return this.ctx.after(delayMs, this.id, event);
	}

	setConfig(patch: Partial<TopicConfig>): void {
		this.#s.config = { ...this.#s.config, ...patch };
	}

	markDeleted(): void {
		this.#s.deleted = true;
	}

	// Subscriptions ------------------------------------------------------------------------------------

	/**
	 * Validate subscription attributes the way Subscribe (`source` 'Attributes') / SetSubscriptionAttributes
	 * ('SetAttributes') do; SNS-API-1: only Subscribe's errors carry the "Attributes Reason:" infix.
	 */
	checkAttributes(
		protocol: string,
		attributes: Partial<SubscriptionAttributes>,
		endpoint?: string,
		source: 'Attributes' | 'SetAttributes' = 'SetAttributes'
	): void {
		checkSubscriptionAttributes(protocol, attributes, {
			fifo: this.fifo,
			...(endpoint !== undefined ? { endpoint } : {}),
			source,
			topicDeliveryPolicy: this.#s.config.DeliveryPolicy,
			filterPolicy: (text, scope) => this.#policy(text, scope)
		});
	}

	/** Whether an SQS endpoint (ARN, URL or node id) is a FIFO queue. */
	#fifoQueue(endpoint: string): boolean {
		const queue = nodeOf(this.ctx, this.resolve(endpoint), 'sqs-queue');
		return queue ? queue.fifo : endpoint.endsWith('.fifo');
	}

	subscribe(
		protocol: SnsProtocol,
		endpoint: string,
		attributes: Partial<SubscriptionAttributes> = {},
		behaviour: EndpointBehaviour = {},
		autoConfirm = false
	): Subscription {
		if (!SNS_PROTOCOLS.includes(protocol)) throw invalid(`Invalid protocol type: ${protocol}`);
		// SNS-FIFO-1: only SQS queues subscribe to a FIFO topic.
		if (this.fifo && protocol !== 'sqs') {
			throw invalid(`Invalid protocol type: ${protocol}. FIFO topics only support the sqs protocol.`);
		}
		// SNS-FIFO-1: a FIFO queue cannot subscribe to a standard topic. The doubled prefix is AWS's
		// (LocalStack test_sns.snapshot.json, test_validations_for_fifo, not-fifo-topic).
		if (!this.fifo && protocol === 'sqs' && this.#fifoQueue(endpoint)) {
			throw invalid(
				'Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics'
			);
		}
		this.checkAttributes(protocol, attributes, endpoint, 'Attributes');
		const existing = this.#s.subs.find(
			(s) => s.status !== 'deleted' && s.Protocol === protocol && s.Endpoint === endpoint
		);
		if (existing) {
			// SNS-API-1: subscribing the same endpoint again is idempotent unless an attribute given differs from
			// the subscription's (defaults included); attributes left out are not compared
			// (LocalStack test_sns.snapshot.json, test_subscribe_idempotency).
			const current = existing.attributes as unknown as Record<string, unknown>;
			for (const [k, v] of Object.entries(attributes)) {
				if (v !== undefined && current[k] !== v) {
					throw invalid('Attributes Reason: Subscription already exists with different attributes');
				}
			}
			return existing;
		}
		const n = this.#s.nextSub++;
		const sub: Subscription = {
			SubscriptionArn: `${this.arn}:${this.rng.uuid()}`,
			Protocol: protocol,
			Endpoint: endpoint,
			// SNS-TOP-2: only HTTP/S and email endpoints wait for a confirmation; same-account SQS, Lambda and
			// Firehose, and SMS numbers, are confirmed at once (SMS: LocalStack test_sns.snapshot.json,
			// test_subscribe_sms, test_subscribe_sms_endpoint: the ARN is returned and PendingConfirmation is
			// "false").
			status:
				autoConfirm || !NEEDS_CONFIRMATION.has(protocol)
					? subscriptionLifecycle.must(subscriptionLifecycle.initial, 'CONFIRM')
					: subscriptionLifecycle.initial,
			// SNS-API-1: a confirmation token is hex (ConfirmSubscription calls anything else "Invalid token").
			token: `${bytesToHex(utf8ToBytes(`${this.id}-${n}`))}${this.rng.hex(16)}`,
			attributes: {
				FilterPolicyScope: attributes.FilterPolicyScope ?? 'MessageAttributes',
				RawMessageDelivery: attributes.RawMessageDelivery ?? false,
				...(attributes.FilterPolicy ? { FilterPolicy: attributes.FilterPolicy } : {}),
				...(attributes.RedrivePolicy ? { RedrivePolicy: attributes.RedrivePolicy } : {}),
				...(attributes.DeliveryPolicy ? { DeliveryPolicy: attributes.DeliveryPolicy } : {})
			},
			behaviour,
			rate: { second: -1, count: 0 }
		};
		this.#s.subs.push(sub);
		return sub;
	}

	confirm(token: string): Subscription | undefined {
		const sub = this.#s.subs.find((s) => s.status !== 'deleted' && s.token === token);
		if (sub) sub.status = subscriptionLifecycle.must(sub.status, 'CONFIRM');
		return sub;
	}

	subscription(arn: string): Subscription | undefined {
		return this.#s.subs.find((s) => s.status !== 'deleted' && s.SubscriptionArn === arn);
	}

	setSubscriptionAttribute(arn: string, name: string, value: string): void {
		const sub = this.subscription(arn);
		if (!sub) throw awsError('NotFoundException', 'Subscription does not exist');
		const next = withSubscriptionAttribute(sub.attributes, name, value);
		this.checkAttributes(sub.Protocol, next, sub.Endpoint, 'SetAttributes');
		sub.attributes = next;
	}

	/** SNS-API-1: unsubscribing twice succeeds; false when there was nothing to remove. */
	unsubscribe(arn: string): boolean {
		const sub = this.subscription(arn);
		if (!sub) return false;
		sub.status = subscriptionLifecycle.must(sub.status, 'UNSUBSCRIBE');
		return true;
	}

	#policy(text: string, scope: 'MessageAttributes' | 'MessageBody'): FilterPolicy {
		const cache = this.#policies[scope];
		let p = cache.get(text);
		if (!p) {
			try {
				p = parseFilterPolicy(text, scope);
			} catch (err) {
				throw awsError('InvalidParameterException', (err as Error).message);
			}
			cache.set(text, p);
		}
		return p;
	}

	// Publish -----------------------------------------------------------------------------------------

	/** A scenario producer's send (MessageTarget): SQS-shaped input mapped onto Publish. */
	acceptFromProducer(input: SendMessageInput, from: { from: string; origin: string }): void {
		// Assigned, not spread: once per message (a spread of a shape the site has not seen goes the slow way).
		const publish: PublishInput = { Message: input.MessageBody };
		if (input.MessageAttributes) publish.MessageAttributes = input.MessageAttributes;
		if (input.MessageGroupId !== undefined) publish.MessageGroupId = input.MessageGroupId;
		if (input.MessageDeduplicationId !== undefined)
			publish.MessageDeduplicationId = input.MessageDeduplicationId;
		this.publish(publish, from);
	}

	/**
	 * Publish's checks without publishing: the message (SNS-TOP-4, SNS-API-1) and the FIFO ids (SNS-FIFO-2).
	 * PublishBatch runs it on every entry first, since any such problem fails the whole request (SNS-API-1).
	 * Returns the message, its attributes and the deduplication id.
	 */
	checkPublish(input: PublishInput): {
		message: string;
		attrs: ReturnType<typeof validatePublishInput>['attrs'];
		dedupId: string | undefined;
	} {
		const cfg = this.#s.config;
		const { message, attrs } = validatePublishInput(input);
		let dedupId: string | undefined;
		if (cfg.FifoTopic) {
			// SNS-FIFO-2
			if (input.MessageGroupId === undefined || input.MessageGroupId === '') {
				throw invalid('The MessageGroupId parameter is required for FIFO topics');
			}
			if (input.MessageDeduplicationId !== undefined) dedupId = input.MessageDeduplicationId;
			else if (cfg.ContentBasedDeduplication) dedupId = bytesToHex(sha256(utf8ToBytes(message)));
			else {
				throw invalid(
					'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'
				);
			}
		} else {
			if (input.MessageDeduplicationId !== undefined) {
				throw invalid(
					'MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type'
				);
			}
		}
		return { message, attrs, dedupId };
	}

	publish(input: PublishInput, from: { from: string; origin?: string }): PublishOutput {
		const s = this.#s;
		const cfg = s.config;
		const { message, attrs, dedupId } = this.checkPublish(input);
		const now = this.ctx.now();
		let sequenceNumber: string | undefined;
		if (dedupId !== undefined) {
			for (const [k, v] of s.dedup) {
				if (v.expiresAt > now) break;
				s.dedup.delete(k);
			}
			const scopeKey =
				cfg.FifoThroughputScope === 'MessageGroup' ? `${input.MessageGroupId}\u0000${dedupId}` : dedupId;
			const seen = s.dedup.get(scopeKey);
			if (seen) {
				// SNS-FIFO-2: a duplicate within 5 minutes is accepted and not delivered.
				this.ctx.trace({
					type: 'deduplicated',
					node: this.id,
					msg: seen.messageId,
					...(from.origin !== undefined ? { origin: from.origin } : {}),
					from: from.from,
					dedupId,
					original: seen.messageId,
					cause: 'deduplication-window'
				});
				return {
					MessageId: seen.messageId,
					...(seen.sequenceNumber ? { SequenceNumber: seen.sequenceNumber } : {})
				};
			}
			s.lastSequence += 1n + BigInt(this.rng.int(1000));
			sequenceNumber = s.lastSequence.toString();
			s.dedup.set(scopeKey, { messageId: '', sequenceNumber, expiresAt: now + DEDUP_WINDOW_MS });
		}
		const messageId = this.rng.uuid();
		if (dedupId !== undefined) {
			const scopeKey =
				cfg.FifoThroughputScope === 'MessageGroup' ? `${input.MessageGroupId}\u0000${dedupId}` : dedupId;
			(s.dedup.get(scopeKey) as { messageId: string }).messageId = messageId;
		}
		const published: PublishedMessage & { open: number; structure?: string } = {
			MessageId: messageId,
			TopicArn: this.arn,
			Message: message,
			publishedAt: now,
			origin: from.origin ?? messageId,
			open: 0
		};
		// The optional fields in this order, assigned rather than spread (once per message).
		if (input.Subject !== undefined) published.Subject = input.Subject;
		if (attrs)
			for (const _ in attrs) {
				published.MessageAttributes = attrs;
				break;
			}
		if (input.MessageGroupId !== undefined) published.MessageGroupId = input.MessageGroupId;
		if (dedupId !== undefined) published.MessageDeduplicationId = dedupId;
		if (sequenceNumber !== undefined) published.SequenceNumber = sequenceNumber;
		if (cfg.SignatureVersion !== undefined) published.SignatureVersion = cfg.SignatureVersion;
		if (input.MessageStructure === 'json') published.structure = 'json';
		const event: Extract<TraceInput, { type: 'published' }> = {
			type: 'published',
			node: this.id,
			msg: messageId,
			origin: published.origin,
			from: from.from
		};
		if (input.MessageGroupId !== undefined) event.groupId = input.MessageGroupId;
		if (sequenceNumber !== undefined) event.sequenceNumber = sequenceNumber;
		this.ctx.trace(event);
		this.#fanOut(published);
		if (published.open > 0) s.messages.set(messageId, published);
		const out: PublishOutput = { MessageId: messageId };
		if (sequenceNumber !== undefined) out.SequenceNumber = sequenceNumber;
		return out;
	}

	/** SNS-TOP-1: one independent delivery per confirmed subscription whose policy matches. */
	#fanOut(m: PublishedMessage & { open: number }): void {
		const s = this.#s;
		// One view of the message's attributes serves every attribute-scope policy; built at the first.
		let attributes: MessageView | undefined;
		let forBody: MessageForFilter | undefined;
		for (const sub of s.subs) {
			if (sub.status !== 'confirmed') continue;
			const text = sub.attributes.FilterPolicy;
			if (text) {
				const policy = this.#policy(text, sub.attributes.FilterPolicyScope);
				const ok =
					policy.scope === 'MessageBody'
						? matchesFilterPolicy(policy, (forBody ??= { body: m.Message }))
						: matchView(policy, (attributes ??= attributeView(m.MessageAttributes)));
				if (!ok) {
					// SNS-FP-1: dropped for this subscription only; no retry, no DLQ.
					this.ctx.trace({
						type: 'filtered-out',
						node: this.id,
						msg: m.MessageId,
						origin: m.origin,
						subscription: sub.SubscriptionArn,
						endpoint: sub.Endpoint,
						cause: 'filter-policy'
					});
					continue;
				}
			}
			const d: Delivery = {
				id: s.nextDelivery++,
				sub: sub.SubscriptionArn,
				msg: m.MessageId,
				status: 'attempting',
				attempts: 0
			};
			s.deliveries.set(d.id, d);
			m.open++;
			this.#after(s.config.deliveryLatencyMs, { type: 'ATTEMPT', delivery: d.id });
		}
	}

	// Delivery attempts --------------------------------------------------------------------------------

	#attempt(id: number): void {
		const s = this.#s;
		const d = s.deliveries.get(id);
		if (!d || (d.status !== 'attempting' && d.status !== 'waitingRetry')) return;
		// SNS-RETRY-1: the retry's wait is over; this is its attempt.
		if (d.status === 'waitingRetry') this.#move(d, 'RETRY');
		const sub = s.subs.find((x) => x.SubscriptionArn === d.sub);
		const m = s.messages.get(d.msg);
		if (!sub || !m) return;
		if (sub.status === 'deleted') {
			this.#end(d, 'NO_DLQ', 'unsubscribed');
			return;
		}
		const now = this.ctx.now();
		const second = Math.floor(now / 1000);
		if (sub.rate.second !== second) sub.rate = { second, count: 0 };
		// SNS-RETRY-4: throttlePolicy.maxReceivesPerSecond holds deliveries back (they wait, not fail).
		const throttle = this.#schedule(sub).maxReceivesPerSecond;
		if (throttle !== undefined && sub.rate.count >= throttle) {
			this.ctx.at((second + 1) * 1000, this.id, { type: 'ATTEMPT', delivery: id } satisfies TopicEvent);
			return;
		}
		const countBefore = sub.rate.count;
		sub.rate.count++;
		d.attempts++;
		d.firstAttemptAt ??= now;
		let outcome: AttemptOutcome;
		if (sub.Protocol === 'sqs') outcome = this.#deliverToQueue(sub, m);
		else outcome = attemptEndpoint(sub.Protocol, sub.behaviour, now, countBefore, this.rng);
		if (outcome.durationMs > 0 && sub.Protocol !== 'sqs') {
			this.#after(outcome.durationMs, { type: 'ATTEMPT_DONE', delivery: id, outcome });
		} else this.#attemptDone(id, outcome);
	}

	#bodyFor(sub: Subscription, m: PublishedMessage & { structure?: string }): string {
		if (m.structure !== 'json') return m.Message;
		const parsed = JSON.parse(m.Message) as Record<string, unknown>;
		const own = parsed[sub.Protocol];
		return typeof own === 'string' ? own : String(parsed.default);
	}

	#deliverToQueue(sub: Subscription, m: PublishedMessage & { structure?: string }): AttemptOutcome {
		const queue = nodeOf(this.ctx, this.resolve(sub.Endpoint), 'sqs-queue');
		if (!queue) {
			// SNS-DLQ-2: a deleted endpoint is a client-side error.
			return { kind: 'client-error', error: 'QueueDoesNotExist', durationMs: 0 };
		}
		const input = this.#queueMessage(sub, m, queue.fifo);
		try {
			queue.sendMessage(input, { from: this.id, origin: m.origin });
			return { kind: 'success', durationMs: 0 };
		} catch (err) {
			const e = err as { name?: string; message?: string };
			// SNS-RETRY-1: throttling is server-side and retried; anything else the queue rejects is the
			// subscriber's problem (SNS-ENV-2: more than 10 attributes, a bad body…).
			if (e.name === 'ThrottlingException') {
				return { kind: 'server-error', error: 'ThrottlingException', durationMs: 0 };
			}
			return { kind: 'client-error', error: e.name ?? 'Error', durationMs: 0 };
		}
	}

	/**
	 * What an SQS queue receives from a subscription: the JSON envelope (SNS-ENV-1), or with raw delivery the
	 * bare message with its attributes, Binary ones as bytes (SNS-ENV-2, SNS-API-1). A FIFO queue gets the
	 * group and deduplication ids (SNS-FIFO-1); a standard queue subscribed to a standard topic gets the
	 * published MessageGroupId (SNS-FIFO-4, for SQS fair queues, SQS-STD-12; LocalStack
	 * test_sns.snapshot.json, test_publish_message_group_id); from a FIFO topic a standard queue gets no group.
	 */
	#queueMessage(
		sub: Subscription,
		m: PublishedMessage & { structure?: string },
		fifoQueue: boolean
	): SendMessageInput {
		const body = this.#bodyFor(sub, m);
		// Built field by field, not spread: once per delivery. Only the envelope needs the whole message.
		let input: SendMessageInput;
		if (sub.attributes.RawMessageDelivery) {
			input = { MessageBody: body };
			if (m.MessageAttributes)
				input.MessageAttributes = sqsAttributesFor(m.MessageAttributes, { binaryAsBytes: true }) ?? {};
		} else {
			const message = body === m.Message ? m : { ...m, Message: body };
			input = {
				MessageBody: JSON.stringify(notificationEnvelope(message, sub.SubscriptionArn, { fifo: this.fifo }))
			};
		}
		if (fifoQueue) {
			if (m.MessageGroupId !== undefined) input.MessageGroupId = m.MessageGroupId;
			input.MessageDeduplicationId = m.MessageDeduplicationId ?? m.MessageId;
		} else if (!this.fifo && m.MessageGroupId !== undefined) {
			input.MessageGroupId = m.MessageGroupId;
		}
		return input;
	}

	#attemptDone(id: number, outcome: AttemptOutcome): void {
		const s = this.#s;
		const d = s.deliveries.get(id);
		if (!d || d.status !== 'attempting') return;
		const sub = s.subs.find((x) => x.SubscriptionArn === d.sub) as Subscription;
		const attempted: Extract<TraceInput, { type: 'delivery-attempted' }> = {
			type: 'delivery-attempted',
			node: this.id,
			msg: d.msg,
			origin: (s.messages.get(d.msg) as PublishedMessage).origin,
			subscription: d.sub,
			endpoint: sub.Endpoint,
			protocol: sub.Protocol,
			attempt: d.attempts,
			outcome: outcome.kind
		};
		// The optional fields in this order, assigned rather than spread (once per attempt).
		if (outcome.status !== undefined) attempted.status = outcome.status;
		if (outcome.kind !== 'success') {
			attempted.error = outcome.error;
			attempted.cause = outcome.kind;
		}
		this.ctx.trace(attempted);
		if (outcome.kind === 'success') {
			this.#end(d, 'SUCCESS');
			return;
		}
		d.lastError = outcome.error;
		// The machine decides: a server-side failure waits for a retry while the policy has one left (the guard
		// works out the delay, drawing its jitter); otherwise, and for a client-side failure, the DLQ is offered.
		let delay: number | undefined;
		const retriesLeft = () => {
			delay = retryDelayMs(this.#schedule(sub), d.attempts - 1, this.#s.config.jitter ? this.rng : undefined);
			return delay !== undefined;
		};
		const event = outcome.kind === 'client-error' ? 'CLIENT_ERROR' : 'SERVER_ERROR';
		const effects = this.#move(d, event, { retriesLeft });
		for (const effect of effects) {
			switch (effect) {
				case 'scheduleRetry':
					this.#scheduleRetry(d, sub, delay as number);
					break;
				case 'offerToDlq':
					this.#offerToDlq(d, sub, event === 'CLIENT_ERROR' ? 'client-error' : 'retries-exhausted');
					break;
				default:
					throw new Error(`sns-topic ${this.id}: no executor for effect ${String(effect satisfies never)}`);
			}
		}
	}

	/** SNS-RETRY-2/-4: the next attempt after `delay`, in its phase of the policy. */
	#scheduleRetry(d: Delivery, sub: Subscription, delay: number): void {
		d.waitFrom = this.ctx.now();
		d.nextAttemptAt = this.ctx.now() + delay;
		const phase = retryPhase(this.#schedule(sub), d.attempts - 1);
		if (phase) d.phase = `${phase.name} ${phase.index}/${phase.of}`;
		this.#after(delay, { type: 'ATTEMPT', delivery: d.id });
	}

	#schedule(sub: Subscription): RetrySchedule {
		return scheduleFor(sub.Protocol, sub.attributes.DeliveryPolicy, this.#s.config.DeliveryPolicy);
	}

	/** SNS-DLQ-2: to the subscription's DLQ if it has a reachable one that takes it; otherwise dropped. */
	#offerToDlq(d: Delivery, sub: Subscription, reason: 'client-error' | 'retries-exhausted'): void {
		const m = this.#s.messages.get(d.msg) as PublishedMessage;
		const policy = sub.attributes.RedrivePolicy;
		const dlqArn = policy
			? (JSON.parse(policy) as { deadLetterTargetArn: string }).deadLetterTargetArn
			: undefined;
		const dlqId = dlqArn ? this.resolve(dlqArn) : undefined;
		const dlq = nodeOf(this.ctx, dlqId, 'sqs-queue');
		if (dlqId && dlq) {
			try {
				// SNS-DLQ-3: the DLQ receives exactly what the endpoint would have received: raw, the message with
				// its original attributes; otherwise the JSON envelope. A FIFO DLQ keeps the original group and
				// deduplication id (LocalStack test_sns.snapshot.json, test_redrive_policy_sqs_queue_subscription,
				// test_publish_fifo_messages_to_dlq). The failure is in the trace (delivery-attempted), not the message.
				const input = this.#queueMessage(sub, m, dlq.fifo);
				if (dlq.fifo) input.MessageGroupId ??= 'default';
				dlq.sendMessage(input, { from: this.id, origin: m.origin });
				this.ctx.trace({
					type: 'delivery-dead-lettered',
					node: this.id,
					msg: d.msg,
					origin: m.origin,
					subscription: d.sub,
					dlq: dlqId,
					attempts: d.attempts,
					cause: reason
				});
				this.#end(d, 'DLQ_ACCEPTED');
				return;
			} catch {
				// The DLQ cannot take it: dropped (SNS-DLQ-2).
			}
		}
		this.#end(d, 'NO_DLQ', dlqArn ? 'dlq-unreachable' : reason);
	}

	/** Step a delivery through its machine (guards evaluated in the machine's order); the effects to run. */
	#move(d: Delivery, event: DeliveryEvent, guards?: Guards<DeliveryGuard>): readonly DeliveryEffect[] {
		const stepped = deliveryLifecycle.step(d.status, event, guards);
		if (stepped === undefined)
			throw new Error(`sns-delivery: no transition for ${event} in state ${d.status}`);
		d.status = stepped[0];
		return stepped[1];
	}

	#end(d: Delivery, event: DeliveryEvent, dropReason?: string): void {
		const s = this.#s;
		this.#move(d, event);
		const m = s.messages.get(d.msg);
		if (event === 'SUCCESS') {
			// Two literals rather than a spread in the middle (once per delivery; the same keys in the same order).
			this.ctx.trace(
				m
					? {
							type: 'delivered',
							node: this.id,
							msg: d.msg,
							origin: m.origin,
							subscription: d.sub,
							attempts: d.attempts
						}
					: { type: 'delivered', node: this.id, msg: d.msg, subscription: d.sub, attempts: d.attempts }
			);
		}
		if (d.status === 'dropped') {
			this.ctx.trace({
				type: 'delivery-dropped',
				node: this.id,
				msg: d.msg,
				...(m ? { origin: m.origin } : {}),
				subscription: d.sub,
				attempts: d.attempts,
				cause: dropReason ?? 'dropped'
			});
		}
		s.deliveries.delete(d.id);
		if (m && --m.open <= 0) s.messages.delete(d.msg);
	}
}
