// The `sns` of the sandbox: camelCase methods named after the AWS SDK v3 SNS commands, with their input and
// output shapes and AWS's error names. Deliveries happen on the simulated clock: an SQS subscription gets
// the message within the same call (delivery latency 0 in the sandbox); HTTP/S, email and SMS endpoints are
// simulated (`simulateEndpoint`) and answer as time advances.

import { awsError, AwsError } from '../services/shared';
import { ACCOUNT_ID, REGION } from '../services/shared';
import type { EndpointBehaviour } from '../services/sns';
import { snsTopicArn, type SnsAttributes } from '../services/sns';
import {
	SNS_PROTOCOLS,
	SnsTopic,
	type PublishInput,
	type PublishOutput,
	type SnsProtocol,
	type Subscription,
	type TopicConfig
} from '../services/sns';
import { parseSubscriptionAttributes, SUBSCRIPTION_ATTRIBUTE_NAMES } from '../services/sns';
import { MAX_MESSAGE_BYTES, MAX_PUBLISH_BATCH_ENTRIES, parseTopicDeliveryPolicy } from '../services/sns';
import { ApiCalls } from './calls';
import type { Output, SandboxWorld } from './world';
import type { SqsClient } from './sqs-client';
import { base64, bool, list, map, num, oneOf, req, SNS_QUERY, str, struct, type Shape } from './shape';

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;
const TOPIC_ATTRIBUTES = [
	'DisplayName',
	'DeliveryPolicy',
	'Policy',
	'FifoTopic',
	'ContentBasedDeduplication',
	'FifoThroughputScope',
	'KmsMasterKeyId',
	'SignatureVersion',
	'TracingConfig',
	'ArchivePolicy'
];

interface TopicEntry {
	name: string;
	node: SnsTopic;
	passive: Record<string, string>;
}

function notFound(what = 'Topic'): AwsError {
	return awsError('NotFoundException', `${what} does not exist`);
}

function required<T>(value: T | undefined | null, name: string): T {
	if (value === undefined || value === null) {
		throw awsError('InvalidParameterException', `Invalid parameter: ${name}`);
	}
	return value;
}

function nameFromTopicArn(arn: string): string | undefined {
	const p = typeof arn === 'string' ? arn.split(':') : [];
	if (p.length !== 6 || p[0] !== 'arn' || p[2] !== 'sns' || p[3] !== REGION || p[4] !== ACCOUNT_ID)
		return undefined;
	return p[5];
}

function invalidArn(name: string): AwsError {
	return awsError('InvalidParameterException', `Invalid parameter: ${name}`);
}

// Input shapes (SNS API Reference), checked before anything else; see shape.ts for what AWS returns -------

const TOPIC_ARN = req(str);
const SUBSCRIPTION_ARN = req(str);
const MESSAGE_ATTRIBUTES = map(struct({ DataType: req(str), StringValue: str, BinaryValue: base64 }));
const MESSAGE_FIELDS = {
	Message: req(str),
	Subject: str,
	MessageStructure: str,
	MessageAttributes: MESSAGE_ATTRIBUTES,
	MessageDeduplicationId: str,
	MessageGroupId: str
};

const SHAPES = {
	/** Sandbox only: the simulated endpoint's behaviour (EndpointBehaviour), plus AutoConfirm. */
	simulateEndpoint: struct({
		LatencyMs: num,
		ErrorRate: num,
		ClientErrorRate: num,
		Outages: list(
			struct({
				fromMs: req(num),
				toMs: req(num),
				failure: oneOf('status-503', 'timeout', 'connection')
			})
		),
		MaxPerSecond: num,
		Deleted: bool,
		AutoConfirm: bool
	}),
	createTopic: struct({
		Name: req(str),
		Attributes: map(str),
		Tags: list(struct({ Key: req(str), Value: req(str) })),
		DataProtectionPolicy: str
	}),
	listTopics: struct({ NextToken: str }),
	deleteTopic: struct({ TopicArn: TOPIC_ARN }),
	getTopicAttributes: struct({ TopicArn: TOPIC_ARN }),
	setTopicAttributes: struct({ TopicArn: TOPIC_ARN, AttributeName: req(str), AttributeValue: str }),
	subscribe: struct({
		TopicArn: TOPIC_ARN,
		Protocol: req(str),
		Endpoint: str,
		Attributes: map(str),
		ReturnSubscriptionArn: bool
	}),
	confirmSubscription: struct({ TopicArn: TOPIC_ARN, Token: req(str), AuthenticateOnUnsubscribe: str }),
	unsubscribe: struct({ SubscriptionArn: SUBSCRIPTION_ARN }),
	listSubscriptionsByTopic: struct({ TopicArn: TOPIC_ARN, NextToken: str }),
	getSubscriptionAttributes: struct({ SubscriptionArn: SUBSCRIPTION_ARN }),
	setSubscriptionAttributes: struct({
		SubscriptionArn: SUBSCRIPTION_ARN,
		AttributeName: req(str),
		AttributeValue: str
	}),
	publish: struct({ TopicArn: str, TargetArn: str, PhoneNumber: str, ...MESSAGE_FIELDS }),
	publishBatch: struct({
		TopicArn: TOPIC_ARN,
		PublishBatchRequestEntries: req(list(struct({ Id: req(str), ...MESSAGE_FIELDS })))
	})
} satisfies Record<string, Shape>;

export class SnsClient {
	readonly #world: SandboxWorld;
	readonly #api: ApiCalls;
	readonly #sqs: SqsClient;
	readonly #topics = new Map<string, TopicEntry>();
	readonly #endpoints = new Map<string, EndpointBehaviour & { AutoConfirm?: boolean }>();

	constructor(world: SandboxWorld, sqs: SqsClient) {
		this.#world = world;
		this.#api = new ApiCalls(world, 'sandbox:sns-request-ids', SNS_QUERY);
		this.#sqs = sqs;
	}

	#topic(arn: string | undefined): TopicEntry {
		const a = required(arn, 'TopicArn');
		const name = nameFromTopicArn(a);
		if (name === undefined) throw invalidArn('TopicArn');
		const t = this.#topics.get(name);
		if (!t) throw notFound();
		return t;
	}

	#bySubscription(arn: string | undefined): { topic: TopicEntry; sub: Subscription } {
		const a = required(arn, 'SubscriptionArn');
		const topicArn = a.split(':').slice(0, 6).join(':');
		const name = nameFromTopicArn(topicArn);
		if (name === undefined) throw invalidArn('SubscriptionArn');
		const topic = this.#topics.get(name);
		const sub = topic?.node.subscription(a);
		if (!topic || !sub) throw notFound('Subscription');
		return { topic, sub };
	}

	/** The simulation node behind a topic ARN (for checkers, the UI and tests). */
	topicNode(arn: string): SnsTopic {
		return this.#topic(arn).node;
	}

	/**
	 * Sandbox only: how a simulated HTTP/S, email or SMS endpoint behaves (latency, error rates, outages,
	 * rate limit, deleted). `AutoConfirm` makes it confirm subscriptions at once.
	 */
	simulateEndpoint(endpoint: string, behaviour: EndpointBehaviour & { AutoConfirm?: boolean }): void {
		if (typeof endpoint !== 'string' || endpoint === '') {
			throw awsError('InvalidParameterException', 'Invalid parameter: Endpoint');
		}
		this.#simulate(endpoint, this.#api.parse(SHAPES.simulateEndpoint, behaviour));
	}

	#simulate(endpoint: string, behaviour: EndpointBehaviour & { AutoConfirm?: boolean }): void {
		this.#endpoints.set(endpoint, { ...behaviour });
		for (const t of this.#topics.values()) {
			for (const s of t.node.subscriptions()) {
				if (s.Endpoint === endpoint) Object.assign(s.behaviour, behaviour);
			}
		}
	}

	/** Sandbox only: the token in the SubscriptionConfirmation the endpoint received (SNS-TOP-2). */
	confirmationToken(subscriptionArnOrEndpoint: string): string | undefined {
		for (const t of this.#topics.values()) {
			for (const s of t.node.subscriptions()) {
				if (s.SubscriptionArn === subscriptionArnOrEndpoint || s.Endpoint === subscriptionArnOrEndpoint)
					return s.token;
			}
		}
		return undefined;
	}

	// Topics -----------------------------------------------------------------------------------------

	createTopic(raw: {
		Name: string;
		Attributes?: Record<string, string>;
		Tags?: { Key: string; Value: string }[];
	}): Output<{ TopicArn: string }> {
		return this.#api.run(SHAPES.createTopic, raw, (input) => {
			const name = required(input.Name, 'Name');
			const attrs = input.Attributes ?? {};
			const fifo = attrs.FifoTopic?.toLowerCase() === 'true';
			if (typeof name !== 'string' || !(fifo ? FIFO_TOPIC_NAME : TOPIC_NAME).test(name)) {
				throw awsError(
					'InvalidParameterException',
					fifo
						? 'Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.'
						: 'Invalid parameter: Topic Name'
				);
			}
			const config = this.#topicConfig(name, fifo, attrs, 'Attributes');
			const existing = this.#topics.get(name);
			if (existing) {
				if (existing.node.fifo !== fifo) {
					throw awsError(
						'InvalidParameterException',
						'Invalid parameter: Attributes Reason: Topic already exists with different attributes'
					);
				}
				return { TopicArn: existing.node.arn };
			}
			const node = new SnsTopic(`sns-${name}`, config, this.#world.context, this.#sqs.resolve);
			this.#world.addNode(node);
			const passive: Record<string, string> = {};
			for (const k of ['Policy', 'KmsMasterKeyId', 'SignatureVersion', 'TracingConfig', 'ArchivePolicy']) {
				const v = attrs[k];
				if (v !== undefined) passive[k] = v;
			}
			this.#topics.set(name, { name, node, passive });
			return { TopicArn: node.arn };
		});
	}

	#topicConfig(
		name: string,
		fifo: boolean,
		attrs: Record<string, string>,
		source: 'Attributes' | 'SetAttributes'
	): TopicConfig {
		// SNS-RETRY-4: a topic's delivery policy is validated when set, with the path-precise message.
		if (attrs.DeliveryPolicy !== undefined) parseTopicDeliveryPolicy(attrs.DeliveryPolicy, { source });
		for (const k of Object.keys(attrs)) {
			if (!TOPIC_ATTRIBUTES.includes(k)) {
				throw awsError(
					'InvalidParameterException',
					`Invalid parameter: Attributes Reason: Unknown attribute ${k}`
				);
			}
		}
		if (!fifo && (attrs.ContentBasedDeduplication !== undefined || attrs.FifoThroughputScope !== undefined)) {
			throw awsError(
				'InvalidParameterException',
				'Invalid parameter: Attributes Reason: ContentBasedDeduplication and FifoThroughputScope are only valid for FIFO topics'
			);
		}
		const cbd = attrs.ContentBasedDeduplication?.toLowerCase();
		if (cbd !== undefined && cbd !== 'true' && cbd !== 'false') {
			throw awsError(
				'InvalidParameterException',
				'Invalid parameter: Attributes Reason: ContentBasedDeduplication'
			);
		}
		const scope = attrs.FifoThroughputScope ?? 'Topic';
		if (scope !== 'Topic' && scope !== 'MessageGroup') {
			throw awsError(
				'InvalidParameterException',
				'Invalid parameter: Attributes Reason: FifoThroughputScope'
			);
		}
		return {
			TopicName: name,
			FifoTopic: fifo,
			ContentBasedDeduplication: cbd === 'true',
			FifoThroughputScope: scope,
			...(attrs.DisplayName !== undefined ? { DisplayName: attrs.DisplayName } : {}),
			...(attrs.DeliveryPolicy !== undefined ? { DeliveryPolicy: attrs.DeliveryPolicy } : {}),
			deliveryLatencyMs: 0,
			jitter: false
		};
	}

	listTopics(raw: { NextToken?: string } = {}): Output<{ Topics: { TopicArn: string }[] }> {
		return this.#api.run(SHAPES.listTopics, raw, () => {
			return {
				Topics: [...this.#topics.keys()].sort().map((n) => ({ TopicArn: snsTopicArn(n) }))
			};
		});
	}

	deleteTopic(raw: { TopicArn: string }): Output<object> {
		return this.#api.run(SHAPES.deleteTopic, raw, (input) => {
			const name = nameFromTopicArn(required(input.TopicArn, 'TopicArn'));
			if (name === undefined) throw invalidArn('TopicArn');
			const t = this.#topics.get(name);
			if (t) {
				t.node.markDeleted();
				this.#topics.delete(name); // Deleting a missing topic succeeds, as AWS does.
			}
			return {};
		});
	}

	getTopicAttributes(raw: { TopicArn: string }): Output<{ Attributes: Record<string, string> }> {
		return this.#api.run(SHAPES.getTopicAttributes, raw, (input) => {
			const t = this.#topic(input.TopicArn);
			const c = t.node.config;
			const subs = t.node.subscriptions();
			const a: Record<string, string> = {
				TopicArn: t.node.arn,
				Owner: ACCOUNT_ID,
				DisplayName: c.DisplayName ?? '',
				SubscriptionsConfirmed: String(subs.filter((s) => s.status === 'confirmed').length),
				SubscriptionsPending: String(subs.filter((s) => s.status !== 'confirmed').length),
				SubscriptionsDeleted: '0',
				...t.passive
			};
			if (c.DeliveryPolicy !== undefined) a.DeliveryPolicy = c.DeliveryPolicy;
			if (c.FifoTopic) {
				a.FifoTopic = 'true';
				a.ContentBasedDeduplication = String(c.ContentBasedDeduplication);
				a.FifoThroughputScope = c.FifoThroughputScope;
			}
			return { Attributes: a };
		});
	}

	setTopicAttributes(raw: {
		TopicArn: string;
		AttributeName: string;
		AttributeValue?: string;
	}): Output<object> {
		return this.#api.run(SHAPES.setTopicAttributes, raw, (input) => {
			const t = this.#topic(input.TopicArn);
			const name = required(input.AttributeName, 'AttributeName');
			const value = input.AttributeValue ?? '';
			if (name === 'FifoTopic')
				throw awsError('InvalidParameterException', 'Invalid parameter: AttributeName');
			const patch = this.#topicConfig(t.name, t.node.fifo, { [name]: value }, 'SetAttributes');
			if (name === 'DeliveryPolicy') t.node.setConfig({ DeliveryPolicy: value });
			else if (name === 'DisplayName') t.node.setConfig({ DisplayName: value });
			else if (name === 'ContentBasedDeduplication')
				t.node.setConfig({ ContentBasedDeduplication: patch.ContentBasedDeduplication });
			else if (name === 'FifoThroughputScope')
				t.node.setConfig({ FifoThroughputScope: patch.FifoThroughputScope });
			else t.passive[name] = value;
			return {};
		});
	}

	// Subscriptions ------------------------------------------------------------------------------------

	subscribe(raw: {
		TopicArn: string;
		Protocol: string;
		Endpoint?: string;
		Attributes?: Record<string, string>;
		ReturnSubscriptionArn?: boolean;
	}): Output<{ SubscriptionArn: string }> {
		return this.#api.run(SHAPES.subscribe, raw, (input) => {
			const t = this.#topic(input.TopicArn);
			const protocol = required(input.Protocol, 'Protocol') as SnsProtocol;
			if (!SNS_PROTOCOLS.includes(protocol)) {
				throw awsError(
					'InvalidParameterException',
					`Invalid parameter: Amazon SNS does not support this protocol string: ${protocol}`
				);
			}
			const endpoint = input.Endpoint ?? '';
			if (protocol === 'sqs') {
				if (!/^arn:aws:sqs:[^:]+:\d{12}:[A-Za-z0-9_.-]+$/.test(endpoint)) {
					throw awsError('InvalidParameterException', 'Invalid parameter: SQS endpoint ARN');
				}
			} else if (protocol === 'lambda' || protocol === 'firehose') {
				if (!endpoint.startsWith(`arn:aws:${protocol === 'lambda' ? 'lambda' : 'firehose'}:`)) {
					throw awsError(
						'InvalidParameterException',
						`Invalid parameter: ${protocol === 'lambda' ? 'Lambda' : 'Firehose'} endpoint ARN`
					);
				}
			} else if (protocol === 'http' || protocol === 'https') {
				if (!endpoint.startsWith(`${protocol}://`)) {
					throw awsError(
						'InvalidParameterException',
						`Invalid parameter: Endpoint must match the specified protocol`
					);
				}
			} else if (protocol === 'email' || protocol === 'email-json') {
				if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(endpoint))
					throw awsError('InvalidParameterException', 'Invalid parameter: Email address');
			} else if (protocol === 'sms') {
				if (!/^\+?\d{5,15}$/.test(endpoint))
					throw awsError('InvalidParameterException', 'Invalid parameter: SMS endpoint');
			}
			const attributes = parseSubscriptionAttributes(input.Attributes);
			const behaviour = this.#endpoints.get(endpoint) ?? {};
			const sub = t.node.subscribe(protocol, endpoint, attributes, behaviour, behaviour.AutoConfirm === true);
			const arn =
				sub.status === 'confirmed' || input.ReturnSubscriptionArn
					? sub.SubscriptionArn
					: 'pending confirmation';
			return { SubscriptionArn: arn };
		});
	}

	confirmSubscription(raw: { TopicArn: string; Token: string }): Output<{ SubscriptionArn: string }> {
		return this.#api.run(SHAPES.confirmSubscription, raw, (input) => {
			const t = this.#topic(input.TopicArn);
			const sub = t.node.confirm(required(input.Token, 'Token'));
			if (!sub) throw awsError('InvalidParameterException', 'Invalid token');
			return { SubscriptionArn: sub.SubscriptionArn };
		});
	}

	unsubscribe(raw: { SubscriptionArn: string }): Output<object> {
		return this.#api.run(SHAPES.unsubscribe, raw, (input) => {
			const { topic, sub } = this.#bySubscription(input.SubscriptionArn);
			topic.node.unsubscribe(sub.SubscriptionArn);
			return {};
		});
	}

	listSubscriptionsByTopic(raw: { TopicArn: string }): Output<{
		Subscriptions: {
			SubscriptionArn: string;
			Owner: string;
			Protocol: string;
			Endpoint: string;
			TopicArn: string;
		}[];
	}> {
		return this.#api.run(SHAPES.listSubscriptionsByTopic, raw, (input) => {
			const t = this.#topic(input.TopicArn);
			return {
				Subscriptions: t.node.subscriptions().map((s) => ({
					SubscriptionArn: s.status === 'confirmed' ? s.SubscriptionArn : 'PendingConfirmation',
					Owner: ACCOUNT_ID,
					Protocol: s.Protocol,
					Endpoint: s.Endpoint,
					TopicArn: t.node.arn
				}))
			};
		});
	}

	getSubscriptionAttributes(raw: {
		SubscriptionArn: string;
	}): Output<{ Attributes: Record<string, string> }> {
		return this.#api.run(SHAPES.getSubscriptionAttributes, raw, (input) => {
			const { topic, sub } = this.#bySubscription(input.SubscriptionArn);
			const a: Record<string, string> = {
				SubscriptionArn: sub.SubscriptionArn,
				TopicArn: topic.node.arn,
				Owner: ACCOUNT_ID,
				Protocol: sub.Protocol,
				Endpoint: sub.Endpoint,
				ConfirmationWasAuthenticated: String(sub.status === 'confirmed'),
				PendingConfirmation: String(sub.status !== 'confirmed'),
				RawMessageDelivery: String(sub.attributes.RawMessageDelivery),
				SubscriptionPrincipal: `arn:aws:iam::${ACCOUNT_ID}:user/pigeonhole`
			};
			if (sub.attributes.FilterPolicy !== undefined) {
				a.FilterPolicy = sub.attributes.FilterPolicy;
				a.FilterPolicyScope = sub.attributes.FilterPolicyScope;
			}
			if (sub.attributes.RedrivePolicy !== undefined) a.RedrivePolicy = sub.attributes.RedrivePolicy;
			if (sub.attributes.DeliveryPolicy !== undefined) a.DeliveryPolicy = sub.attributes.DeliveryPolicy;
			return { Attributes: a };
		});
	}

	setSubscriptionAttributes(raw: {
		SubscriptionArn: string;
		AttributeName: string;
		AttributeValue?: string;
	}): Output<object> {
		return this.#api.run(SHAPES.setSubscriptionAttributes, raw, (input) => {
			const { topic, sub } = this.#bySubscription(input.SubscriptionArn);
			const name = required(input.AttributeName, 'AttributeName');
			if (!SUBSCRIPTION_ATTRIBUTE_NAMES.includes(name)) {
				throw awsError('InvalidParameterException', `Invalid parameter: AttributeName`);
			}
			topic.node.setSubscriptionAttribute(sub.SubscriptionArn, name, input.AttributeValue ?? '');
			return {};
		});
	}

	// Publish ----------------------------------------------------------------------------------------

	publish(raw: PublishInput & { TargetArn?: string; PhoneNumber?: string }): Output<PublishOutput> {
		return this.#api.run(SHAPES.publish, raw, (input) => {
			const t = this.#topic(input.TopicArn ?? input.TargetArn);
			return t.node.publish(input, { from: 'sandbox' });
		});
	}

	publishBatch(raw: {
		TopicArn: string;
		PublishBatchRequestEntries: (Omit<PublishInput, 'TopicArn'> & { Id: string })[];
	}): Output<{
		Successful: (PublishOutput & { Id: string })[];
		Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[];
	}> {
		return this.#api.run(SHAPES.publishBatch, raw, (input) => {
			const t = this.#topic(input.TopicArn);
			const entries = required(input.PublishBatchRequestEntries, 'PublishBatchRequestEntries');
			if (entries.length === 0) {
				throw awsError('EmptyBatchRequestException', 'The batch request doesn\u2019t contain any entries.');
			}
			if (entries.length > MAX_PUBLISH_BATCH_ENTRIES) {
				throw awsError(
					'TooManyEntriesInBatchRequestException',
					'The batch request contains more entries than permissible.'
				);
			}
			const ids = new Set<string>();
			let total = 0;
			for (const e of entries) {
				if (typeof e.Id !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(e.Id)) {
					throw awsError(
						'InvalidBatchEntryIdException',
						'The Id of a batch entry in a batch request doesn\u2019t abide by the specification.'
					);
				}
				if (ids.has(e.Id))
					throw awsError(
						'BatchEntryIdsNotDistinctException',
						'Two or more batch entries in the request have the same Id.'
					);
				ids.add(e.Id);
				total += new TextEncoder().encode(e.Message ?? '').length;
			}
			// SNS-TOP-4: the whole batch is under the same 256 KiB cap.
			if (total > MAX_MESSAGE_BYTES) {
				throw awsError(
					'BatchRequestTooLongException',
					'The length of all the messages put together is more than the limit.'
				);
			}
			const Successful: (PublishOutput & { Id: string })[] = [];
			const Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[] = [];
			for (const e of entries) {
				try {
					Successful.push({ Id: e.Id, ...t.node.publish(e, { from: 'sandbox' }) });
				} catch (err) {
					const x = err as AwsError;
					Failed.push({
						Id: e.Id,
						Code: x.name.replace(/Exception$/, ''),
						Message: x.message,
						SenderFault: x.$fault !== 'server'
					});
				}
			}
			return { Successful, Failed };
		});
	}
}

export type { SnsAttributes };
