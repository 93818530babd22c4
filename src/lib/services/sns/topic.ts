// An SNS topic (standard or FIFO) as a simulation node: Publish fans out to every confirmed subscription
// whose filter policy matches (SNS-TOP-1, SNS-FP-*); each delivery has its own attempts, retries along its
// delivery policy (SNS-RETRY-*), and ends delivered, in the subscription's DLQ or dropped with a reason
// (SNS-DLQ-*). FIFO topics deduplicate and keep order per group into SQS FIFO queues (SNS-FIFO-*).
// Deliveries are plain data advanced through the delivery lifecycle machine; every timer is a data event.

import type { NodeEvent, SimContext, SimNode } from '../../engine/simulation';
import type { Random } from '../../engine/random';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { awsError } from '../shared/errors';
import { utf8Length } from '../sqs/message';
import type { SendMessageInput, SqsQueue } from '../sqs/queue';
import { attemptEndpoint, type AttemptOutcome, type EndpointBehaviour } from './endpoint';
import {
	notificationEnvelope,
	snsTopicArn,
	sqsAttributesFor,
	type PublishedMessage,
	type SnsAttributes
} from './envelope';
import { deliveryLifecycle, type DeliveryEvent, type DeliveryStatus } from './delivery-lifecycle';
import { matchesFilterPolicy, parseFilterPolicy, type FilterPolicy } from './filter-policy';
import { retryDelayMs, retryPhase, type RetrySchedule, scheduleFor } from './retry-schedule';

const DEDUP_WINDOW_MS = 5 * 60 * 1000; // SNS-FIFO-2
const MAX_MESSAGE_BYTES = 262_144; // SNS-TOP-4 (unverified whether raised in 2025)

export const SNS_PROTOCOLS = [
	'sqs',
	'lambda',
	'http',
	'https',
	'email',
	'email-json',
	'sms',
	'application',
	'firehose'
] as const;
export type SnsProtocol = (typeof SNS_PROTOCOLS)[number];

export interface TopicConfig {
	TopicName: string;
	FifoTopic: boolean;
	ContentBasedDeduplication: boolean;
	/** SNS-FIFO-3: Topic (default) or MessageGroup. */
	FifoThroughputScope: 'Topic' | 'MessageGroup';
	DisplayName?: string;
	/** Topic-level delivery policy JSON (SNS-RETRY-4: {"http": {"defaultHealthyRetryPolicy"…}}). */
	DeliveryPolicy?: string;
	/** [sim] Time from publish to the first delivery attempt. */
	deliveryLatencyMs: number;
	/** SNS-RETRY-1 [sim]: seeded ±10 % jitter on retry delays; false = exact. */
	jitter: boolean;
}

export interface SubscriptionAttributes {
	FilterPolicy?: string;
	FilterPolicyScope: 'MessageAttributes' | 'MessageBody';
	RawMessageDelivery: boolean;
	/** SNS-DLQ-1: {"deadLetterTargetArn": sqsArn}. */
	RedrivePolicy?: string;
	DeliveryPolicy?: string;
}

export interface Subscription {
	SubscriptionArn: string;
	Protocol: SnsProtocol;
	Endpoint: string;
	/** SNS-TOP-2: HTTP/S and email wait for confirmation. */
	confirmed: boolean;
	token: string;
	attributes: SubscriptionAttributes;
	behaviour: EndpointBehaviour;
	/** Attempts started in the current second, for endpoint limits and throttlePolicy. */
	rate: { second: number; count: number };
	deleted: boolean;
}

export interface Delivery {
	id: number;
	sub: string;
	msg: string;
	status: DeliveryStatus;
	/** Attempts made so far. */
	attempts: number;
	firstAttemptAt?: number;
	lastError?: string;
	/** After a failed attempt: when the next one is due, and the retry phase it belongs to (SNS-RETRY-2/-4). */
	nextAttemptAt?: number;
	/** When the wait for the next attempt began (the failed attempt's time). */
	waitFrom?: number;
	phase?: string;
}

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

export interface PublishInput {
	TopicArn?: string;
	Message: string;
	Subject?: string;
	MessageStructure?: string;
	MessageAttributes?: SnsAttributes;
	MessageGroupId?: string;
	MessageDeduplicationId?: string;
}

export interface PublishOutput {
	MessageId: string;
	SequenceNumber?: string;
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
	readonly #policies = new Map<string, FilterPolicy>();

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
		return this.#s.subs.filter((s) => !s.deleted);
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

	handle(event: NodeEvent): void {
		switch (event.type) {
			case 'ATTEMPT':
				return this.#attempt(event.delivery as number);
			case 'ATTEMPT_DONE':
				return this.#attemptDone(event.delivery as number, event.outcome as AttemptOutcome);
			default:
				throw new Error(`sns-topic ${this.id}: unknown event ${event.type}`);
		}
	}

	setConfig(patch: Partial<TopicConfig>): void {
		this.#s.config = { ...this.#s.config, ...patch };
	}

	markDeleted(): void {
		this.#s.deleted = true;
	}

	// Subscriptions ------------------------------------------------------------------------------------

	/** Validate subscription attributes the way Subscribe / SetSubscriptionAttributes do. */
	checkAttributes(protocol: string, attributes: Partial<SubscriptionAttributes>): void {
		const scope = attributes.FilterPolicyScope ?? 'MessageAttributes';
		if (scope !== 'MessageAttributes' && scope !== 'MessageBody') {
			throw invalid('Attributes Reason: FilterPolicyScope: Invalid value [' + String(scope) + ']');
		}
		if (attributes.FilterPolicy !== undefined && attributes.FilterPolicy !== '') {
			this.#policy(attributes.FilterPolicy, scope); // SNS-FP-17: an invalid policy is rejected, nothing stored.
		}
		if (attributes.RawMessageDelivery && !['sqs', 'http', 'https', 'firehose'].includes(protocol)) {
			throw invalid('Attributes Reason: RawMessageDelivery: Invalid value [true]. Must be false.');
		}
		if (attributes.RedrivePolicy) {
			let dlq: unknown;
			try {
				dlq = (JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
			} catch {
				throw invalid('RedrivePolicy: Invalid RedrivePolicy: not a valid JSON');
			}
			if (typeof dlq !== 'string' || !dlq.startsWith('arn:aws:sqs:')) {
				throw invalid('RedrivePolicy: deadLetterTargetArn is invalid');
			}
			// SNS-DLQ-1: a FIFO topic needs a FIFO DLQ, a standard topic a standard one.
			if (dlq.endsWith('.fifo') !== this.fifo) {
				throw invalid(
					`RedrivePolicy: must use a ${this.fifo ? 'FIFO' : 'standard'} queue as a dead-letter queue for this topic`
				);
			}
		}
		if (attributes.DeliveryPolicy)
			scheduleFor(protocol, attributes.DeliveryPolicy, this.#s.config.DeliveryPolicy);
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
		this.checkAttributes(protocol, attributes);
		const existing = this.#s.subs.find(
			(s) => !s.deleted && s.Protocol === protocol && s.Endpoint === endpoint
		);
		if (existing) return existing;
		const n = this.#s.nextSub++;
		const sub: Subscription = {
			SubscriptionArn: `${this.arn}:${this.rng.uuid()}`,
			Protocol: protocol,
			Endpoint: endpoint,
			// SNS-TOP-2: same-account SQS and Lambda are confirmed at once; HTTP/S and email wait.
			confirmed: autoConfirm || protocol === 'sqs' || protocol === 'lambda' || protocol === 'firehose',
			token: `${this.id}-${n}-${this.rng.hex(16)}`,
			attributes: {
				FilterPolicyScope: attributes.FilterPolicyScope ?? 'MessageAttributes',
				RawMessageDelivery: attributes.RawMessageDelivery ?? false,
				...(attributes.FilterPolicy ? { FilterPolicy: attributes.FilterPolicy } : {}),
				...(attributes.RedrivePolicy ? { RedrivePolicy: attributes.RedrivePolicy } : {}),
				...(attributes.DeliveryPolicy ? { DeliveryPolicy: attributes.DeliveryPolicy } : {})
			},
			behaviour,
			rate: { second: -1, count: 0 },
			deleted: false
		};
		this.#s.subs.push(sub);
		return sub;
	}

	confirm(token: string): Subscription | undefined {
		const sub = this.#s.subs.find((s) => !s.deleted && s.token === token);
		if (sub) sub.confirmed = true;
		return sub;
	}

	subscription(arn: string): Subscription | undefined {
		return this.#s.subs.find((s) => !s.deleted && s.SubscriptionArn === arn);
	}

	setSubscriptionAttribute(arn: string, name: string, value: string): void {
		const sub = this.subscription(arn);
		if (!sub) throw awsError('NotFoundException', 'Subscription does not exist');
		const next: SubscriptionAttributes = { ...sub.attributes };
		switch (name) {
			case 'FilterPolicy':
				if (value === '') delete next.FilterPolicy;
				else next.FilterPolicy = value;
				break;
			case 'FilterPolicyScope':
				next.FilterPolicyScope = value as SubscriptionAttributes['FilterPolicyScope'];
				break;
			case 'RawMessageDelivery': {
				const v = value.toLowerCase();
				if (v !== 'true' && v !== 'false')
					throw invalid(`Attributes Reason: RawMessageDelivery: Invalid value [${value}]`);
				next.RawMessageDelivery = v === 'true';
				break;
			}
			case 'RedrivePolicy':
				if (value === '') delete next.RedrivePolicy;
				else next.RedrivePolicy = value;
				break;
			case 'DeliveryPolicy':
				if (value === '') delete next.DeliveryPolicy;
				else next.DeliveryPolicy = value;
				break;
			default:
				throw invalid(`AttributeName`);
		}
		this.checkAttributes(sub.Protocol, next);
		sub.attributes = next;
	}

	unsubscribe(arn: string): boolean {
		const sub = this.subscription(arn);
		if (!sub) return false;
		sub.deleted = true;
		return true;
	}

	#policy(text: string, scope: 'MessageAttributes' | 'MessageBody'): FilterPolicy {
		const key = `${scope}\u0000${text}`;
		let p = this.#policies.get(key);
		if (!p) {
			try {
				p = parseFilterPolicy(text, scope);
			} catch (err) {
				throw awsError('InvalidParameterException', (err as Error).message);
			}
			this.#policies.set(key, p);
		}
		return p;
	}

	// Publish -----------------------------------------------------------------------------------------

	/** A scenario producer's send (MessageTarget): SQS-shaped input mapped onto Publish. */
	acceptFromProducer(input: SendMessageInput, from: { from: string; origin: string }): void {
		this.publish(
			{
				Message: input.MessageBody,
				...(input.MessageAttributes ? { MessageAttributes: input.MessageAttributes as SnsAttributes } : {}),
				...(input.MessageGroupId !== undefined ? { MessageGroupId: input.MessageGroupId } : {}),
				...(input.MessageDeduplicationId !== undefined
					? { MessageDeduplicationId: input.MessageDeduplicationId }
					: {})
			},
			from
		);
	}

	publish(input: PublishInput, from: { from: string; origin?: string }): PublishOutput {
		const s = this.#s;
		const cfg = s.config;
		const message = input.Message;
		if (message === undefined || message === null) {
			throw awsError('InvalidParameterException', 'Invalid parameter: Message');
		}
		if (typeof message !== 'string' || message.length === 0) throw invalid('Empty message');
		if (input.Subject !== undefined) {
			if (input.Subject.length === 0 || input.Subject.length > 100 || /[\r\n]/.test(input.Subject)) {
				throw invalid('Subject');
			}
		}
		if (input.MessageStructure !== undefined) {
			if (input.MessageStructure !== 'json') throw invalid('MessageStructure');
			let parsed: unknown;
			try {
				parsed = JSON.parse(message);
			} catch {
				throw invalid('Message Structure - JSON message body failed to parse');
			}
			if (
				!parsed ||
				typeof parsed !== 'object' ||
				typeof (parsed as Record<string, unknown>).default !== 'string'
			) {
				throw invalid('Message Structure - No default entry in JSON message body');
			}
		}
		const attrs = input.MessageAttributes;
		validateAttributes(attrs);
		let size = utf8Length(message);
		for (const [k, v] of Object.entries(attrs ?? {})) {
			size += utf8Length(k) + utf8Length(v.DataType) + utf8Length(v.StringValue ?? '');
			if (v.BinaryValue !== undefined)
				size += typeof v.BinaryValue === 'string' ? atob(v.BinaryValue).length : v.BinaryValue.length;
		}
		if (size > MAX_MESSAGE_BYTES) throw invalid('Message too long');
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
			open: 0,
			...(input.Subject !== undefined ? { Subject: input.Subject } : {}),
			...(attrs && Object.keys(attrs).length > 0 ? { MessageAttributes: attrs } : {}),
			...(input.MessageGroupId !== undefined ? { MessageGroupId: input.MessageGroupId } : {}),
			...(dedupId !== undefined ? { MessageDeduplicationId: dedupId } : {}),
			...(sequenceNumber !== undefined ? { SequenceNumber: sequenceNumber } : {}),
			...(input.MessageStructure === 'json' ? { structure: 'json' } : {})
		};
		this.ctx.trace({
			type: 'published',
			node: this.id,
			msg: messageId,
			origin: published.origin,
			from: from.from,
			...(input.MessageGroupId !== undefined ? { groupId: input.MessageGroupId } : {}),
			...(sequenceNumber !== undefined ? { sequenceNumber } : {})
		});
		this.#fanOut(published);
		if (published.open > 0) s.messages.set(messageId, published);
		return {
			MessageId: messageId,
			...(sequenceNumber !== undefined ? { SequenceNumber: sequenceNumber } : {})
		};
	}

	/** SNS-TOP-1: one independent delivery per confirmed subscription whose policy matches. */
	#fanOut(m: PublishedMessage & { open: number }): void {
		const s = this.#s;
		for (const sub of s.subs) {
			if (sub.deleted || !sub.confirmed) continue;
			const text = sub.attributes.FilterPolicy;
			if (text) {
				const policy = this.#policy(text, sub.attributes.FilterPolicyScope);
				const ok = matchesFilterPolicy(policy, {
					...(m.MessageAttributes
						? {
								attributes: m.MessageAttributes as Record<
									string,
									{ DataType: string; StringValue?: string; BinaryValue?: string }
								>
							}
						: {}),
					body: m.Message
				});
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
			this.ctx.after(s.config.deliveryLatencyMs, this.id, { type: 'ATTEMPT', delivery: d.id });
		}
	}

	// Delivery attempts --------------------------------------------------------------------------------

	#attempt(id: number): void {
		const s = this.#s;
		const d = s.deliveries.get(id);
		if (!d || d.status !== 'attempting') return;
		const sub = s.subs.find((x) => x.SubscriptionArn === d.sub);
		const m = s.messages.get(d.msg);
		if (!sub || !m) return;
		if (sub.deleted) {
			this.#end(d, 'NO_DLQ', 'unsubscribed');
			return;
		}
		const now = this.ctx.now();
		const second = Math.floor(now / 1000);
		if (sub.rate.second !== second) sub.rate = { second, count: 0 };
		// SNS-RETRY-4: throttlePolicy.maxReceivesPerSecond holds deliveries back (they wait, not fail).
		const throttle = this.#schedule(sub).maxReceivesPerSecond;
		if (throttle !== undefined && sub.rate.count >= throttle) {
			this.ctx.at((second + 1) * 1000, this.id, { type: 'ATTEMPT', delivery: id });
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
			this.ctx.after(outcome.durationMs, this.id, { type: 'ATTEMPT_DONE', delivery: id, outcome });
		} else this.#attemptDone(id, outcome);
	}

	#bodyFor(sub: Subscription, m: PublishedMessage & { structure?: string }): string {
		if (m.structure !== 'json') return m.Message;
		const parsed = JSON.parse(m.Message) as Record<string, unknown>;
		const own = parsed[sub.Protocol];
		return typeof own === 'string' ? own : String(parsed.default);
	}

	#deliverToQueue(sub: Subscription, m: PublishedMessage & { structure?: string }): AttemptOutcome {
		const queueId = this.resolve(sub.Endpoint);
		if (!queueId || !this.ctx.hasNode(queueId)) {
			// SNS-DLQ-2: a deleted endpoint is a client-side error.
			return { kind: 'client-error', error: 'QueueDoesNotExist', durationMs: 0 };
		}
		const queue = this.ctx.node(queueId) as SqsQueue;
		const message = { ...m, Message: this.#bodyFor(sub, m) };
		const input: SendMessageInput = sub.attributes.RawMessageDelivery
			? {
					MessageBody: message.Message,
					...(m.MessageAttributes ? { MessageAttributes: sqsAttributesFor(m.MessageAttributes) ?? {} } : {})
				}
			: { MessageBody: JSON.stringify(notificationEnvelope(message, sub.SubscriptionArn)) };
		if (queue.fifo) {
			// SNS-FIFO-1: FIFO queues get the group and deduplication ids.
			if (m.MessageGroupId !== undefined) input.MessageGroupId = m.MessageGroupId;
			input.MessageDeduplicationId = m.MessageDeduplicationId ?? m.MessageId;
		}
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

	#attemptDone(id: number, outcome: AttemptOutcome): void {
		const s = this.#s;
		const d = s.deliveries.get(id);
		if (!d || d.status !== 'attempting') return;
		const sub = s.subs.find((x) => x.SubscriptionArn === d.sub) as Subscription;
		this.ctx.trace({
			type: 'delivery-attempted',
			node: this.id,
			msg: d.msg,
			origin: (s.messages.get(d.msg) as PublishedMessage).origin,
			subscription: d.sub,
			endpoint: sub.Endpoint,
			protocol: sub.Protocol,
			attempt: d.attempts,
			outcome: outcome.kind,
			...(outcome.status !== undefined ? { status: outcome.status } : {}),
			...(outcome.kind !== 'success' ? { error: outcome.error, cause: outcome.kind } : {})
		});
		if (outcome.kind === 'success') {
			this.#end(d, 'SUCCESS');
			return;
		}
		d.lastError = outcome.error;
		if (outcome.kind === 'client-error') {
			// SNS-DLQ-2: client-side errors are never retried.
			this.#fail(d, sub, 'CLIENT_ERROR', outcome.error);
			return;
		}
		const delay = retryDelayMs(
			this.#schedule(sub),
			d.attempts - 1,
			this.#s.config.jitter ? this.rng : undefined
		);
		if (delay === undefined) {
			this.#fail(d, sub, 'EXHAUSTED', outcome.error);
			return;
		}
		this.#move(d, 'SERVER_ERROR');
		this.#move(d, 'RETRY');
		d.waitFrom = this.ctx.now();
		d.nextAttemptAt = this.ctx.now() + delay;
		const phase = retryPhase(this.#schedule(sub), d.attempts - 1);
		if (phase) d.phase = `${phase.name} ${phase.index}/${phase.of}`;
		this.ctx.after(delay, this.id, { type: 'ATTEMPT', delivery: id });
	}

	#schedule(sub: Subscription): RetrySchedule {
		return scheduleFor(sub.Protocol, sub.attributes.DeliveryPolicy, this.#s.config.DeliveryPolicy);
	}

	/** SNS-DLQ-2: to the subscription's DLQ if it has a reachable one; otherwise dropped. */
	#fail(d: Delivery, sub: Subscription, event: 'CLIENT_ERROR' | 'EXHAUSTED', error: string): void {
		const m = this.#s.messages.get(d.msg) as PublishedMessage;
		const policy = sub.attributes.RedrivePolicy;
		const dlqArn = policy
			? (JSON.parse(policy) as { deadLetterTargetArn: string }).deadLetterTargetArn
			: undefined;
		const dlqId = dlqArn ? this.resolve(dlqArn) : undefined;
		const reason = event === 'CLIENT_ERROR' ? 'client-error' : 'retries-exhausted';
		if (dlqId && this.ctx.hasNode(dlqId)) {
			const dlq = this.ctx.node(dlqId) as SqsQueue;
			try {
				// SNS-DLQ-3: the original message, with attributes describing the failure (unverified).
				dlq.sendMessage(
					{
						MessageBody: m.Message,
						MessageAttributes: {
							RequestID: { DataType: 'String', StringValue: this.rng.uuid() },
							ErrorCode: { DataType: 'String', StringValue: error },
							ErrorMessage: {
								DataType: 'String',
								StringValue: `Delivery to ${sub.Endpoint} failed: ${error}`
							}
						},
						...(dlq.fifo
							? { MessageGroupId: m.MessageGroupId ?? 'default', MessageDeduplicationId: m.MessageId }
							: {})
					},
					{ from: this.id, origin: m.origin }
				);
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
				this.#end(d, event);
				return;
			} catch {
				// The DLQ cannot take it: dropped (SNS-DLQ-2).
			}
		}
		this.#end(d, 'NO_DLQ', dlqArn ? 'dlq-unreachable' : reason);
	}

	#move(d: Delivery, event: DeliveryEvent): void {
		d.status = deliveryLifecycle.must(d.status, event);
	}

	#end(d: Delivery, event: DeliveryEvent, dropReason?: string): void {
		const s = this.#s;
		this.#move(d, event);
		const m = s.messages.get(d.msg);
		if (event === 'SUCCESS') {
			this.ctx.trace({
				type: 'delivered',
				node: this.id,
				msg: d.msg,
				...(m ? { origin: m.origin } : {}),
				subscription: d.sub,
				attempts: d.attempts
			});
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

/** SNS-TOP-4: attribute types and values as Publish validates them. */
function validateAttributes(attrs: SnsAttributes | undefined): void {
	if (!attrs) return;
	for (const [name, v] of Object.entries(attrs)) {
		const bad = (why: string) =>
			awsError('InvalidParameterValueException', `The message attribute '${name}' ${why}`);
		if (!v || typeof v.DataType !== 'string') throw bad('must contain a non-empty data type');
		const type =
			v.DataType.split('.')[0] === 'String' && v.DataType.startsWith('String.Array')
				? 'String.Array'
				: v.DataType.split('.')[0];
		if (type === 'Binary') {
			if (v.BinaryValue === undefined)
				throw bad('must contain non-empty message attribute value for message attribute type Binary.');
			continue;
		}
		if (type !== 'String' && type !== 'Number' && type !== 'String.Array') {
			throw bad(
				`has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`
			);
		}
		if (v.StringValue === undefined || v.StringValue === '') {
			throw bad(`must contain non-empty message attribute value for message attribute type ${type}.`);
		}
		if (type === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.StringValue.trim())) {
			throw bad(`has an invalid numeric value: ${v.StringValue}.`);
		}
		if (type === 'String.Array') {
			let arr: unknown;
			try {
				arr = JSON.parse(v.StringValue);
			} catch {
				arr = undefined;
			}
			if (!Array.isArray(arr) || arr.some((x) => x !== null && typeof x === 'object')) {
				throw bad(
					'has an invalid String.Array value: it must be a JSON array of strings, numbers, true, false or null.'
				);
			}
		}
	}
}
