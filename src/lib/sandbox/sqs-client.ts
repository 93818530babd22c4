// The `sqs` of the sandbox: camelCase methods named after the AWS SDK v3 SQS commands, taking their input
// shapes and returning their output shapes (with `$metadata`). Errors are thrown as exceptions whose `name`
// is AWS's error code. Calls are synchronous; a receive whose effective WaitTimeSeconds is above 0 returns a
// Promise that settles as simulated time advances (SQS-STD-2).

import { awsError, AwsError } from '../services/shared';
import { ACCOUNT_ID, epochMs, REGION, sqsQueueArn, sqsQueueUrl } from '../services/shared';
import { DEFAULT_QUEUE_CONFIG, type NondeterminismRates, type QueueConfig } from '../services/sqs';
import {
	SqsQueue,
	type BatchError,
	type ReceiveMessageInput,
	type ReceiveMessageOutput,
	type SendMessageInput,
	type SendMessageOutput
} from '../services/sqs';
import type { MessageAttributes } from '../services/sqs';
import {
	formatQueueAttributes,
	isKnownAttributeName,
	parseQueueAttributes,
	sameAttribute,
	type PassiveAttributes
} from './sqs-attributes';
import type { Output, SandboxWorld } from './world';
import { ApiCalls } from './calls';
import { SHAPES } from './sqs-shapes';
import { SQS_JSON, type Shape } from './shape';

export type { Output, ResponseMetadata } from './world';

const QUEUE_DELETED_RECENTLY_MS = 60_000;
const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

interface QueueEntry {
	name: string;
	node: SqsQueue;
	passive: PassiveAttributes;
	tags: Record<string, string>;
}

export interface MessageMoveTaskResult {
	TaskHandle?: string;
	Status: string;
	SourceArn: string;
	DestinationArn?: string;
	MaxNumberOfMessagesPerSecond?: number;
	ApproximateNumberOfMessagesMoved: number;
	ApproximateNumberOfMessagesToMove: number;
	StartedTimestamp: number;
	FailureReason?: string;
}

function queueDoesNotExist(): AwsError {
	return awsError('QueueDoesNotExist', 'The specified queue does not exist.');
}

function required<T>(value: T | undefined | null, name: string): T {
	if (value === undefined || value === null) {
		throw awsError('MissingParameter', `The request must contain the parameter ${name}.`);
	}
	return value;
}

/** The queue name in a queue URL or ARN (any host, so URLs from other tools work too). */
function nameFromUrl(url: string): string | undefined {
	const m = /^https?:\/\/[^/]+\/(\d{12}|queue)\/([^/?#]+)\/?$/.exec(url);
	return m ? m[2] : undefined;
}

function nameFromArn(arn: string): string | undefined {
	const parts = arn.split(':');
	if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs') return undefined;
	if (parts[3] !== REGION || parts[4] !== ACCOUNT_ID) return undefined;
	return parts[5];
}

/** The parts of a move task's handle, base64 JSON {"taskId", "sourceArn"}, or undefined when it is not one. */
function decodeTaskHandle(handle: string): { taskId: string; sourceArn: string } | undefined {
	try {
		const o = JSON.parse(atob(handle)) as unknown;
		if (typeof o !== 'object' || o === null) return undefined;
		const { taskId, sourceArn } = o as Record<string, unknown>;
		return typeof taskId === 'string' && typeof sourceArn === 'string' ? { taskId, sourceArn } : undefined;
	} catch {
		return undefined;
	}
}

/** Recorded: LocalStack test_sqs_move_task.snapshot.json, test_destination_needs_to_exist (and SourceArn alike). */
function resourceNotFound(parameter: 'SourceArn' | 'DestinationArn'): AwsError {
	return awsError(
		'ResourceNotFoundException',
		`The resource that you specified for the ${parameter} parameter doesn't exist.`
	);
}

/** A batch action's result: `Failed` is left out when no entry failed. */
export interface BatchResult<T> {
	Successful: T[];
	Failed?: BatchError[];
}

/**
 * SQS over AWS JSON leaves an empty Failed list out of a batch response (recorded: LocalStack
 * test_sqs.snapshot.json, test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size).
 */
function batchResult<T>(out: { Successful: T[]; Failed: BatchError[] }): BatchResult<T> {
	return out.Failed.length > 0 ? out : { Successful: out.Successful };
}

/** A ListQueues NextToken: the base64 of the last queue name returned. */
function decodeToken(token: string): string | undefined {
	try {
		const name = atob(token);
		return NAME.test(name) || FIFO_NAME.test(name) ? name : undefined;
	} catch {
		return undefined;
	}
}

function bytesOf(value: string | Uint8Array): Uint8Array {
	if (typeof value !== 'string') return new Uint8Array(value);
	const bin = atob(value);
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}

/**
 * SQS-STD-13: binary attribute values come back as bytes (a Uint8Array, as the SDK v3 returns blobs), not as
 * base64 text (recorded: LocalStack test_sqs.snapshot.json, test_send_message_with_binary_attributes).
 */
function withBytes(output: ReceiveMessageOutput): ReceiveMessageOutput {
	if (!output.Messages?.some((m) => m.MessageAttributes)) return output;
	return {
		...output,
		Messages: output.Messages.map((m) => {
			if (!m.MessageAttributes) return m;
			const attrs: MessageAttributes = {};
			for (const [name, v] of Object.entries(m.MessageAttributes)) {
				const copy = { ...v };
				if (v.BinaryValue !== undefined) copy.BinaryValue = bytesOf(v.BinaryValue);
				if (v.BinaryListValues !== undefined) copy.BinaryListValues = v.BinaryListValues.map(bytesOf);
				attrs[name] = copy;
			}
			return { ...m, MessageAttributes: attrs };
		})
	};
}

export class SqsClient {
	readonly #world: SandboxWorld;
	readonly #api: ApiCalls;
	readonly #queues = new Map<string, QueueEntry>();
	readonly #deletedAt = new Map<string, number>();
	readonly #nondeterminism: NondeterminismRates;
	readonly #pending = new Map<string, (output: ReceiveMessageOutput) => void>();
	#requests = 0;

	constructor(world: SandboxWorld, nondeterminism: NondeterminismRates) {
		this.#world = world;
		this.#api = new ApiCalls(world, 'sandbox:request-ids', SQS_JSON);
		this.#nondeterminism = nondeterminism;
		world.onReceiveResult((requestId, output) => {
			const resolve = this.#pending.get(requestId);
			if (!resolve) return;
			this.#pending.delete(requestId);
			resolve(output);
		});
	}

	// Lookups ----------------------------------------------------------------------------------------

	/** Resolve a queue reference (URL, ARN or node id) to its node id; used by the queues themselves. */
	resolve = (ref: string): string | undefined => {
		if (typeof ref !== 'string') return undefined;
		const name = nameFromArn(ref) ?? nameFromUrl(ref) ?? ref;
		return this.#queues.get(name)?.node.id;
	};

	#byUrl(url: string | undefined): QueueEntry {
		const u = required(url, 'QueueUrl');
		if (typeof u !== 'string') throw queueDoesNotExist();
		// SQS-STD-13: a bare queue name is accepted where a QueueUrl is expected (recorded: LocalStack
		// test_sqs.py test_posting_to_queue_via_queue_name).
		const name = nameFromUrl(u) ?? (NAME.test(u) || FIFO_NAME.test(u) ? u : undefined);
		const entry = name === undefined ? undefined : this.#queues.get(name);
		if (!entry) throw queueDoesNotExist();
		return entry;
	}

	#byArn(arn: string): QueueEntry | undefined {
		const name = nameFromArn(arn);
		return name === undefined ? undefined : this.#queues.get(name);
	}

	/** The simulation node behind a queue URL (for checkers, the UI and tests). */
	queueNode(url: string): SqsQueue {
		return this.#byUrl(url).node;
	}

	#meta<T extends object>(output: T): Output<T> {
		this.#requests++;
		return this.#api.meta(output);
	}

	/** ApiCalls.run, with the output counted as a request (receive ids draw on the same count). */
	#run<I, O extends object>(shape: Shape, raw: I, fn: (input: I) => O): Output<O> {
		return this.#api.call(() => this.#meta(fn(this.#api.parse(shape, raw))));
	}

	// Queues -----------------------------------------------------------------------------------------

	createQueue(raw: {
		QueueName: string;
		Attributes?: Record<string, string>;
		tags?: Record<string, string>;
	}): Output<{ QueueUrl: string }> {
		return this.#run(SHAPES.createQueue, raw, (input) => {
			const name = required(input.QueueName, 'QueueName');
			const fifoRequested = input.Attributes?.FifoQueue?.toLowerCase() === 'true';
			// SQS-FIFO-1: a FIFO queue's name ends in .fifo; a standard name has no dot.
			if (fifoRequested) {
				if (typeof name !== 'string' || !FIFO_NAME.test(name)) {
					throw awsError(
						'InvalidParameterValue',
						'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
					);
				}
			} else if (typeof name !== 'string' || !NAME.test(name)) {
				throw awsError(
					'InvalidParameterValue',
					'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length'
				);
			}
			const parsed = parseQueueAttributes(input.Attributes, fifoRequested, true);
			const existing = this.#queues.get(name);
			if (existing) {
				// Idempotent when every given attribute equals the existing value.
				const current = formatQueueAttributes(this.#attributeSource(existing));
				for (const [key, value] of Object.entries(input.Attributes ?? {})) {
					const now = key === 'FifoQueue' ? 'true' : current[key];
					if (!sameAttribute(key, now, value)) {
						throw awsError(
							'QueueNameExists',
							`A queue already exists with the same name and a different value for attribute ${key}`
						);
					}
				}
				return { QueueUrl: sqsQueueUrl(name) };
			}
			const deletedAt = this.#deletedAt.get(name);
			if (deletedAt !== undefined && this.#world.now() - deletedAt < QUEUE_DELETED_RECENTLY_MS) {
				throw awsError(
					'QueueDeletedRecently',
					'You must wait 60 seconds after deleting a queue before you can create another with the same name.'
				);
			}
			const config: QueueConfig = {
				...DEFAULT_QUEUE_CONFIG,
				QueueName: name,
				FifoQueue: fifoRequested,
				nondeterminism: this.#nondeterminism,
				...parsed.config
			};
			this.#checkRedrive(name, config);
			const node = new SqsQueue(name, config, this.#world.context, this.resolve);
			this.#world.addNode(node);
			this.#queues.set(name, { name, node, passive: parsed.passive, tags: { ...(input.tags ?? {}) } });
			return { QueueUrl: sqsQueueUrl(name) };
		});
	}

	getQueueUrl(raw: { QueueName: string; QueueOwnerAWSAccountId?: string }): Output<{ QueueUrl: string }> {
		return this.#run(SHAPES.getQueueUrl, raw, (input) => {
			const name = required(input.QueueName, 'QueueName');
			if (input.QueueOwnerAWSAccountId !== undefined && input.QueueOwnerAWSAccountId !== ACCOUNT_ID) {
				throw queueDoesNotExist();
			}
			if (!this.#queues.has(name)) throw queueDoesNotExist();
			return { QueueUrl: sqsQueueUrl(name) };
		});
	}

	/**
	 * Names in order; with MaxResults a NextToken continues after the last URL returned, and the last page has
	 * none (recorded: LocalStack test_sqs.snapshot.json, test_list_queues_pagination).
	 */
	listQueues(
		raw: { QueueNamePrefix?: string; MaxResults?: number; NextToken?: string } = {}
	): Output<{ QueueUrls?: string[]; NextToken?: string }> {
		return this.#run(SHAPES.listQueues, raw, (input) => {
			let names = [...this.#queues.keys()].filter((n) => n.startsWith(input.QueueNamePrefix ?? '')).sort();
			const max = input.MaxResults ?? 1000;
			if (!Number.isInteger(max) || max < 1 || max > 1000) {
				throw awsError(
					'InvalidParameterValue',
					`Value ${max} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.`
				);
			}
			if (input.NextToken !== undefined) {
				const after = decodeToken(input.NextToken);
				if (after === undefined) {
					throw awsError('InvalidParameterValue', 'Invalid or expired next token.');
				}
				names = names.filter((n) => n > after);
			}
			const urls = names.slice(0, max).map(sqsQueueUrl);
			const out: { QueueUrls?: string[]; NextToken?: string } = urls.length > 0 ? { QueueUrls: urls } : {};
			if (input.MaxResults !== undefined && names.length > max) {
				out.NextToken = btoa(names[max - 1] as string);
			}
			return out;
		});
	}

	deleteQueue(raw: { QueueUrl: string }): Output<object> {
		return this.#run(SHAPES.deleteQueue, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			entry.node.markDeleted();
			this.#queues.delete(entry.name);
			this.#deletedAt.set(entry.name, this.#world.now());
			return {};
		});
	}

	#attributeSource(entry: QueueEntry) {
		const n = entry.node;
		return {
			config: n.config,
			passive: entry.passive,
			arn: n.arn,
			counts: n.counts,
			createdAt: n.createdAt,
			lastModifiedAt: n.lastModifiedAt
		};
	}

	getQueueAttributes(raw: {
		QueueUrl: string;
		AttributeNames?: string[];
	}): Output<{ Attributes?: Record<string, string> }> {
		return this.#run(SHAPES.getQueueAttributes, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			const names = input.AttributeNames ?? [];
			for (const name of names) {
				if (!isKnownAttributeName(name)) throw awsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
			}
			if (names.length === 0) return {};
			const all = formatQueueAttributes(this.#attributeSource(entry));
			if (names.includes('All')) return { Attributes: all };
			const picked: Record<string, string> = {};
			for (const name of names) {
				const value = all[name];
				if (value !== undefined) picked[name] = value;
			}
			return Object.keys(picked).length > 0 ? { Attributes: picked } : {};
		});
	}

	setQueueAttributes(raw: { QueueUrl: string; Attributes: Record<string, string> }): Output<object> {
		return this.#run(SHAPES.setQueueAttributes, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			const attributes = required(input.Attributes, 'Attributes');
			const parsed = parseQueueAttributes(attributes, entry.node.fifo, false);
			const patch: Partial<QueueConfig> = { ...parsed.config };
			const next: QueueConfig = { ...entry.node.config, ...patch };
			if (parsed.clearRedrivePolicy) delete next.RedrivePolicy;
			if (parsed.clearRedriveAllowPolicy) delete next.RedriveAllowPolicy;
			if (patch.RedrivePolicy) this.#checkRedrive(entry.name, next);
			entry.node.setConfig(patch);
			if (parsed.clearRedrivePolicy) entry.node.setConfig({ RedrivePolicy: undefined });
			if (parsed.clearRedriveAllowPolicy) entry.node.setConfig({ RedriveAllowPolicy: undefined });
			Object.assign(entry.passive, parsed.passive);
			return {};
		});
	}

	/** SQS-DLQ-1/-2: the dead-letter target exists, is of the same type and allows this source. */
	#checkRedrive(sourceName: string, config: QueueConfig): void {
		const policy = config.RedrivePolicy;
		if (!policy) return;
		const value = JSON.stringify(policy);
		const invalid = (reason: string) =>
			awsError(
				'InvalidParameterValue',
				`Value ${value} for parameter RedrivePolicy is invalid. Reason: ${reason}`
			);
		const dlq = this.#byArn(policy.deadLetterTargetArn);
		if (!dlq) throw invalid('Dead letter target does not exist.');
		if (dlq.node.fifo !== config.FifoQueue) {
			throw invalid('Dead-letter queue must be same type of queue as the source.');
		}
		const allow = dlq.node.config.RedriveAllowPolicy;
		const sourceArn = sqsQueueArn(sourceName);
		if (
			allow &&
			(allow.redrivePermission === 'denyAll' ||
				(allow.redrivePermission === 'byQueue' && !(allow.sourceQueueArns ?? []).includes(sourceArn)))
		) {
			throw invalid(
				`Queue ${policy.deadLetterTargetArn} does not allow ${sourceArn} to use it as a dead-letter queue (RedriveAllowPolicy).`
			);
		}
	}

	listDeadLetterSourceQueues(raw: { QueueUrl: string }): Output<{ queueUrls: string[] }> {
		return this.#run(SHAPES.listDeadLetterSourceQueues, raw, (input) => {
			const dlq = this.#byUrl(input.QueueUrl);
			const urls = [...this.#queues.values()]
				.filter((q) => q.node.config.RedrivePolicy?.deadLetterTargetArn === dlq.node.arn)
				.map((q) => q.node.url)
				.sort();
			return { queueUrls: urls };
		});
	}

	tagQueue(raw: { QueueUrl: string; Tags: Record<string, string> }): Output<object> {
		return this.#run(SHAPES.tagQueue, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			Object.assign(entry.tags, required(input.Tags, 'Tags'));
			return {};
		});
	}

	/**
	 * AddPermission writes a statement into the queue's Policy (Sid = Label); a Label already there is rejected
	 * (recorded: LocalStack test_sqs.snapshot.json, test_sqs_permission_lifecycle). The policy has no effect in
	 * the simulation.
	 */
	addPermission(raw: {
		QueueUrl: string;
		Label: string;
		AWSAccountIds: string[];
		Actions: string[];
	}): Output<object> {
		return this.#run(SHAPES.addPermission, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			const label = required(input.Label, 'Label');
			const accounts = required(input.AWSAccountIds, 'AWSAccountIds');
			const actions = required(input.Actions, 'Actions');
			if (!/^[A-Za-z0-9_-]{1,80}$/.test(label)) {
				throw awsError(
					'InvalidParameterValue',
					`Value ${label} for parameter Label is invalid. Reason: Must match ^[a-zA-Z0-9_-]{1,80}$.`
				);
			}
			if (accounts.length === 0)
				throw awsError('MissingParameter', 'The request must contain the parameter AWSAccountIds.');
			if (actions.length === 0)
				throw awsError('MissingParameter', 'The request must contain the parameter Actions.');
			const policy = this.#policy(entry);
			if (policy.Statement.some((st) => st.Sid === label)) {
				throw awsError(
					'InvalidParameterValue',
					`Value ${label} for parameter Label is invalid. Reason: Already exists.`
				);
			}
			const principals = accounts.map((a) => `arn:aws:iam::${a}:root`);
			const verbs = actions.map((a) => `SQS:${a}`);
			policy.Statement.push({
				Sid: label,
				Effect: 'Allow',
				Principal: { AWS: principals.length === 1 ? principals[0] : principals },
				Action: verbs.length === 1 ? verbs[0] : verbs,
				Resource: entry.node.arn
			});
			entry.passive.Policy = JSON.stringify(policy);
			return {};
		});
	}

	/** RemovePermission drops the statement; the Policy goes once it has none (recorded: test_sqs_permission_lifecycle). */
	removePermission(raw: { QueueUrl: string; Label: string }): Output<object> {
		return this.#run(SHAPES.removePermission, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			const label = required(input.Label, 'Label');
			const policy = this.#policy(entry);
			const kept = policy.Statement.filter((st) => st.Sid !== label);
			if (kept.length === policy.Statement.length) {
				throw awsError(
					'InvalidParameterValue',
					`Value ${label} for parameter Label is invalid. Reason: can't find label.`
				);
			}
			if (kept.length === 0) delete entry.passive.Policy;
			else entry.passive.Policy = JSON.stringify({ ...policy, Statement: kept });
			return {};
		});
	}

	/** The queue's policy document (a fresh default one when it has none or its text is not a policy). */
	#policy(entry: QueueEntry): { Version: string; Id: string; Statement: Record<string, unknown>[] } {
		const fresh = { Version: '2008-10-17', Id: `${entry.node.arn}/SQSDefaultPolicy`, Statement: [] };
		if (!entry.passive.Policy) return fresh;
		try {
			const doc = JSON.parse(entry.passive.Policy) as unknown;
			if (
				typeof doc === 'object' &&
				doc !== null &&
				Array.isArray((doc as { Statement?: unknown }).Statement)
			) {
				return doc as { Version: string; Id: string; Statement: Record<string, unknown>[] };
			}
		} catch {
			// Not JSON: start again.
		}
		return fresh;
	}

	/** Recorded: LocalStack test_sqs.snapshot.json, test_tag_untag_queue (no Tags member once none is left). */
	untagQueue(raw: { QueueUrl: string; TagKeys: string[] }): Output<object> {
		return this.#run(SHAPES.untagQueue, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			for (const key of required(input.TagKeys, 'TagKeys')) delete entry.tags[key];
			return {};
		});
	}

	listQueueTags(raw: { QueueUrl: string }): Output<{ Tags?: Record<string, string> }> {
		return this.#run(SHAPES.listQueueTags, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			return Object.keys(entry.tags).length > 0 ? { Tags: { ...entry.tags } } : {};
		});
	}

	// Messages ---------------------------------------------------------------------------------------

	sendMessage(raw: SendMessageInput & { QueueUrl: string }): Output<SendMessageOutput> {
		return this.#run(SHAPES.sendMessage, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			return entry.node.sendMessage(input, { from: 'sandbox' });
		});
	}

	sendMessageBatch(raw: {
		QueueUrl: string;
		Entries: (SendMessageInput & { Id: string })[];
	}): Output<BatchResult<SendMessageOutput & { Id: string }>> {
		return this.#run(SHAPES.sendMessageBatch, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			const entries = required(input.Entries, 'Entries');
			return batchResult(entry.node.sendMessageBatch(entries, { from: 'sandbox' }));
		});
	}

	/**
	 * SQS-STD-2: with an effective WaitTimeSeconds of 0 the result is returned at once; above 0 a Promise is
	 * returned that resolves as soon as a message is available or when the wait ends in simulated time.
	 * Validation errors are thrown synchronously in both cases.
	 */
	receiveMessage(input: ReceiveMessageInput & { QueueUrl: string }): Output<ReceiveMessageOutput>;
	receiveMessage(
		input: ReceiveMessageInput & { QueueUrl: string }
	): Output<ReceiveMessageOutput> | Promise<Output<ReceiveMessageOutput>>;
	receiveMessage(
		raw: ReceiveMessageInput & { QueueUrl: string }
	): Output<ReceiveMessageOutput> | Promise<Output<ReceiveMessageOutput>> {
		return this.#api.call(() => {
			const input = this.#api.parse(SHAPES.receiveMessage, raw);
			const entry = this.#byUrl(input.QueueUrl);
			const requestId = `sandbox-${++this.#requests}`;
			const wait = input.WaitTimeSeconds ?? entry.node.config.ReceiveMessageWaitTimeSeconds;
			const result = entry.node.receiveMessage(input, { by: 'sandbox', requestId });
			if (result.kind === 'done') {
				const out = this.#meta(withBytes(result.output));
				return wait > 0 ? Promise.resolve(out) : out;
			}
			return new Promise<Output<ReceiveMessageOutput>>((resolve) => {
				this.#pending.set(requestId, (output) => resolve(this.#meta(withBytes(output))));
			});
		});
	}

	deleteMessage(raw: { QueueUrl: string; ReceiptHandle: string }): Output<object> {
		return this.#run(SHAPES.deleteMessage, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			entry.node.deleteMessage(input.ReceiptHandle, 'sandbox');
			return {};
		});
	}

	deleteMessageBatch(raw: {
		QueueUrl: string;
		Entries: { Id: string; ReceiptHandle: string }[];
	}): Output<BatchResult<{ Id: string }>> {
		return this.#run(SHAPES.deleteMessageBatch, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			return batchResult(entry.node.deleteMessageBatch(required(input.Entries, 'Entries'), 'sandbox'));
		});
	}

	changeMessageVisibility(raw: {
		QueueUrl: string;
		ReceiptHandle: string;
		VisibilityTimeout: number;
	}): Output<object> {
		return this.#run(SHAPES.changeMessageVisibility, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			entry.node.changeMessageVisibility(input.ReceiptHandle, input.VisibilityTimeout, 'sandbox');
			return {};
		});
	}

	changeMessageVisibilityBatch(raw: {
		QueueUrl: string;
		Entries: { Id: string; ReceiptHandle: string; VisibilityTimeout: number }[];
	}): Output<BatchResult<{ Id: string }>> {
		return this.#run(SHAPES.changeMessageVisibilityBatch, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			return batchResult(
				entry.node.changeMessageVisibilityBatch(required(input.Entries, 'Entries'), 'sandbox')
			);
		});
	}

	purgeQueue(raw: { QueueUrl: string }): Output<object> {
		return this.#run(SHAPES.purgeQueue, raw, (input) => {
			const entry = this.#byUrl(input.QueueUrl);
			entry.node.purgeQueue('sandbox');
			return {};
		});
	}

	// Message move tasks (SQS-DLQ-4) -----------------------------------------------------------------

	startMessageMoveTask(raw: {
		SourceArn: string;
		DestinationArn?: string;
		MaxNumberOfMessagesPerSecond?: number;
	}): Output<{ TaskHandle: string }> {
		return this.#run(SHAPES.startMessageMoveTask, raw, (input) => {
			const sourceArn = required(input.SourceArn, 'SourceArn');
			const source = this.#byArn(sourceArn);
			if (!source) {
				throw resourceNotFound('SourceArn');
			}
			const isDlq = [...this.#queues.values()].some(
				(q) => q.node.config.RedrivePolicy?.deadLetterTargetArn === source.node.arn
			);
			if (!isDlq) {
				throw awsError('InvalidParameterValue', 'Source queue must be configured as a Dead Letter Queue.');
			}
			if (input.DestinationArn !== undefined) {
				const dest = this.#byArn(input.DestinationArn);
				if (!dest) {
					throw resourceNotFound('DestinationArn');
				}
				if (dest.node.fifo !== source.node.fifo) {
					throw awsError(
						'InvalidParameterValue',
						'Destination queue must be of the same type as the source queue.'
					);
				}
			}
			return source.node.startMessageMoveTask(input);
		});
	}

	cancelMessageMoveTask(raw: { TaskHandle: string }): Output<{ ApproximateNumberOfMessagesMoved: number }> {
		return this.#run(SHAPES.cancelMessageMoveTask, raw, (input) => {
			const handle = required(input.TaskHandle, 'TaskHandle');
			// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_cancel_with_invalid_task_handle,
			// test_cancel_with_invalid_source_arn_in_task_handle (and "Task does not exist." from the queue).
			const parts = decodeTaskHandle(handle);
			if (!parts) throw awsError('InvalidParameterValue', 'Value for parameter TaskHandle is invalid.');
			const source = this.#byArn(parts.sourceArn);
			if (!source) throw resourceNotFound('SourceArn');
			return source.node.cancelMessageMoveTask(handle);
		});
	}

	listMessageMoveTasks(raw: {
		SourceArn: string;
		MaxResults?: number;
	}): Output<{ Results: MessageMoveTaskResult[] }> {
		return this.#run(SHAPES.listMessageMoveTasks, raw, (input) => {
			const source = this.#byArn(required(input.SourceArn, 'SourceArn'));
			if (!source) {
				throw resourceNotFound('SourceArn');
			}
			const max = input.MaxResults ?? 1;
			if (!Number.isInteger(max) || max < 1 || max > 10) {
				throw awsError(
					'InvalidParameterValue',
					`Value ${max} for parameter MaxResults is invalid. Reason: Must be between 1 and 10.`
				);
			}
			const results = [...source.node.moveTasks()]
				.reverse()
				.slice(0, max)
				.map((t) => {
					const r: MessageMoveTaskResult = {
						Status: t.Status,
						SourceArn: t.SourceArn,
						ApproximateNumberOfMessagesMoved: t.ApproximateNumberOfMessagesMoved,
						ApproximateNumberOfMessagesToMove: t.ApproximateNumberOfMessagesToMove,
						StartedTimestamp: epochMs(t.StartedTimestamp)
					};
					if (t.Status === 'RUNNING') r.TaskHandle = t.TaskHandle;
					if (t.DestinationArn !== undefined) r.DestinationArn = t.DestinationArn;
					if (t.MaxNumberOfMessagesPerSecond !== undefined)
						r.MaxNumberOfMessagesPerSecond = t.MaxNumberOfMessagesPerSecond;
					// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_move_task_delete_destination_queue_while_running.
					if (t.Status === 'FAILED') r.FailureReason = 'AWS.SimpleQueueService.NonExistentQueue';
					return r;
				});
			return { Results: results };
		});
	}
}

export type { MessageAttributes };
