// Turns untrusted input (a JSON string or a value) into a valid Scenario, or a list of errors that each
// name the exact path and the rule broken. Order: byte-order mark → JSON syntax → migration → unknown
// fields and schema → cross-node rules.

import * as v from 'valibot';
import { stableStringify } from '../trace';
import { MigrationError, migrateScenario } from './migrate';
import {
	SCENARIO_VERSION,
	ScenarioSchema,
	type Scenario,
	type ScenarioNode,
	type SubscriptionSpec
} from './schema';
import { unknownKeys } from './unknown-keys';

export interface ScenarioIssue {
	/** e.g. `nodes[2].VisibilityTimeout`, or '' for the whole document. */
	path: string;
	message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioIssue[] };

export class ScenarioError extends Error {
	override name = 'ScenarioError';
	readonly errors: ScenarioIssue[];
	constructor(errors: ScenarioIssue[]) {
		super(errors.map(formatIssue).join('\n'));
		this.errors = errors;
	}
}

export function formatIssue(issue: ScenarioIssue): string {
	return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** A key that reads unambiguously after a dot; any other (empty, with spaces or dots…) is quoted. */
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `nodes[2].RedrivePolicy.maxReceiveCount` from its keys; an odd key reads `nodes[0]["my key"]`. */
function formatPath(keys: readonly unknown[]): string {
	let out = '';
	for (const key of keys) {
		if (typeof key === 'number') out += `[${key}]`;
		else if (!PLAIN_KEY.test(String(key))) out += `[${JSON.stringify(String(key))}]`;
		else out += out ? `.${String(key)}` : String(key);
	}
	return out;
}

function pathOf(issue: v.BaseIssue<unknown>): string {
	return formatPath((issue.path ?? []).map((item) => item.key));
}

/**
 * The most specific issues: for a union given an object, prefer the nested issues of the branch that fits
 * best. Nested issues carry paths relative to the union, so the union's own path goes in front; a null is
 * no object (typeof null === 'object'), and its nested issues would name no field at all.
 */
function flatten(issues: readonly v.BaseIssue<unknown>[]): ScenarioIssue[] {
	const out: ScenarioIssue[] = [];
	for (const issue of issues) {
		if (
			issue.type === 'union' &&
			issue.issues &&
			issue.issues.length > 0 &&
			typeof issue.input === 'object' &&
			issue.input !== null
		) {
			const at = issue.path ?? [];
			out.push(
				...flatten(
					issue.issues.map((sub) => {
						const own = sub.path ?? [];
						if (at.every((item, k) => own[k]?.key === item.key)) return sub;
						return { ...sub, path: [...at, ...own] as typeof sub.path };
					})
				)
			);
		} else {
			let message = issue.message;
			if (issue.kind === 'schema' && issue.input === undefined && issue.type !== 'literal')
				message = 'is required';
			if (issue.type === 'object' && issue.input === undefined) message = 'is required';
			out.push({ path: pathOf(issue), message });
		}
	}
	// One message per path is enough.
	const seen = new Set<string>();
	return out.filter((e) => (seen.has(e.path) ? false : (seen.add(e.path), true)));
}

/**
 * The text without a leading UTF-8 byte-order mark (U+FEFF), which editors on Windows write and JSON.parse
 * rejects as an invisible "unexpected token". Every reader of scenario text goes through this.
 */
export function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A rule the schema cannot express and that needs service code (e.g. filter-policy validation). */
export type ScenarioCheck = (scenario: Scenario) => ScenarioIssue[];

/**
 * What parsing needs to know about the services: their cross-field checks. It is handed in explicitly
 * (services/registry.ts builds it): nothing registers itself as an import side effect, so the result of
 * a parse never depends on which modules happen to have been imported (DESIGN §2).
 */
export interface ScenarioRules {
	readonly checks: readonly ScenarioCheck[];
}

/** Parse scenario JSON text as read from a file (a byte-order mark is fine). Never throws. */
export function parseScenarioText(text: string, rules: ScenarioRules): ParseResult {
	return parseScenario(stripBom(text), rules);
}

/** Parse a scenario from JSON text or an already-parsed value. Never throws. */
export function parseScenario(input: unknown, rules: ScenarioRules): ParseResult {
	let raw = input;
	if (typeof input === 'string') {
		try {
			raw = JSON.parse(stripBom(input));
		} catch (e) {
			return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(e as Error).message}` }] };
		}
	}
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		return { ok: false, errors: [{ path: '', message: 'a scenario must be a JSON object' }] };
	}
	try {
		raw = migrateScenario(raw, SCENARIO_VERSION);
	} catch (e) {
		if (e instanceof MigrationError)
			return { ok: false, errors: [{ path: 'version', message: e.message.replace(/^version: /, '') }] };
		throw e;
	}
	// Unknown fields first: a misspelt optional field would otherwise pass unseen as its default; a misspelt
	// required one is reported as unknown (with its correct name) and then as missing.
	const errors: ScenarioIssue[] = unknownKeys(ScenarioSchema, raw).map((u) => ({
		path: formatPath(u.path),
		message: u.message
	}));
	const result = v.safeParse(ScenarioSchema, raw);
	if (!result.success) return { ok: false, errors: [...errors, ...flatten(result.issues)] };
	errors.push(...checkReferences(result.output));
	for (const check of rules.checks) errors.push(...check(result.output));
	return errors.length > 0 ? { ok: false, errors } : { ok: true, scenario: result.output };
}

/** Like parseScenario, but throws a ScenarioError listing every issue. */
export function loadScenario(input: unknown, rules: ScenarioRules): Scenario {
	const r = parseScenario(input, rules);
	if (!r.ok) throw new ScenarioError(r.errors);
	return r.scenario;
}

/** Strip an ARN down to the queue name it names, or return the id as given. */
export function refId(ref: string): string {
	return ref.startsWith('arn:') ? (ref.split(':').pop() ?? ref) : ref;
}

/** A subscription's attributes: all but the endpoint, which may be spelt as an id, a name or an ARN. */
function attributesOf(sub: SubscriptionSpec): Partial<SubscriptionSpec> {
	const attributes: Partial<SubscriptionSpec> = { ...sub };
	delete attributes.Endpoint;
	return attributes;
}

/** Cross-node rules the schema cannot express: unique ids, references that exist and fit. */
export function checkReferences(scenario: Scenario): ScenarioIssue[] {
	const errors: ScenarioIssue[] = [];
	const byId = new Map<string, { node: ScenarioNode; index: number }>();
	scenario.nodes.forEach((node, index) => {
		if (byId.has(node.id)) errors.push({ path: `nodes[${index}].id`, message: `duplicate id '${node.id}'` });
		else byId.set(node.id, { node, index });
	});
	const queueNames = new Map<string, number>();
	const findQueue = (ref: string) => {
		const direct = byId.get(ref) ?? byId.get(refId(ref));
		if (direct) return direct.node;
		const idx = queueNames.get(refId(ref));
		return idx === undefined ? undefined : scenario.nodes[idx];
	};
	scenario.nodes.forEach((node, index) => {
		if (node.type === 'sqs-queue') queueNames.set(node.QueueName ?? node.id, index);
		if (node.type === 'sns-topic') queueNames.set(node.TopicName ?? node.id, index);
		if (node.type === 'kinesis-stream') queueNames.set(node.StreamName ?? node.id, index);
	});

	scenario.nodes.forEach((node, index) => {
		const at = (field: string) => `nodes[${index}].${field}`;
		const need = (field: string, ref: string, types: string[]) => {
			const target = byId.get(ref)?.node ?? findQueue(ref);
			if (!target) errors.push({ path: at(field), message: `no node with id '${ref}'` });
			else if (!types.includes(target.type)) {
				errors.push({
					path: at(field),
					message: `'${ref}' is a ${target.type}; expected ${types.join(' or ')}`
				});
			}
			return target;
		};
		switch (node.type) {
			case 'sqs-queue': {
				const fifo = node.FifoQueue;
				const name = node.QueueName ?? node.id;
				// SQS-FIFO-1: a FIFO queue's name ends in .fifo, and only a FIFO queue's does.
				if (fifo && !name.endsWith('.fifo')) {
					errors.push({
						path: at(node.QueueName ? 'QueueName' : 'id'),
						message: 'a FIFO queue name must end with .fifo'
					});
				}
				if (!fifo && name.endsWith('.fifo')) {
					errors.push({ path: at('FifoQueue'), message: 'a queue named .fifo must set FifoQueue: true' });
				}
				if (node.RedrivePolicy) {
					const dlq = need('RedrivePolicy.deadLetterTargetArn', node.RedrivePolicy.deadLetterTargetArn, [
						'sqs-queue'
					]);
					if (dlq && dlq.type === 'sqs-queue') {
						// SQS-DLQ-1: the DLQ must be of the same type as its source.
						if (dlq.FifoQueue !== fifo) {
							errors.push({
								path: at('RedrivePolicy.deadLetterTargetArn'),
								message: `the dead-letter queue must be ${fifo ? 'a FIFO' : 'a standard'} queue, like its source`
							});
						}
						if (dlq.id === node.id) {
							errors.push({
								path: at('RedrivePolicy.deadLetterTargetArn'),
								message: 'a queue cannot be its own dead-letter queue'
							});
						}
					}
				}
				node.Actions.forEach((a, k) => {
					if (a.action !== 'send-message') return;
					const ap = (field: string) => at(`Actions[${k}].${field}`);
					if (fifo) {
						if (a.MessageGroupId === undefined)
							errors.push({
								path: ap('MessageGroupId'),
								message: 'is required when sending to a FIFO queue (SQS-FIFO-2)'
							});
						if (a.DelaySeconds !== undefined && a.DelaySeconds !== 0)
							errors.push({
								path: ap('DelaySeconds'),
								message: 'per-message delay is not supported by FIFO queues (SQS-FIFO-7)'
							});
						if (!node.ContentBasedDeduplication && a.MessageDeduplicationId === undefined)
							errors.push({
								path: ap('MessageDeduplicationId'),
								message: 'is required unless the FIFO queue has ContentBasedDeduplication (SQS-FIFO-3)'
							});
					} else if (a.MessageDeduplicationId !== undefined) {
						errors.push({
							path: ap('MessageDeduplicationId'),
							message: 'is valid only for FIFO queues (SQS-FIFO-3)'
						});
					}
				});
				if (!fifo) {
					for (const f of [
						'ContentBasedDeduplication',
						'DeduplicationScope',
						'FifoThroughputLimit'
					] as const) {
						const raw = node[f];
						const isDefault = raw === false || raw === 'queue' || raw === 'perQueue';
						if (!isDefault) errors.push({ path: at(f), message: 'only FIFO queues have this attribute' });
					}
				}
				break;
			}
			case 'lambda': {
				const source = need('source', node.source, ['sqs-queue', 'kinesis-stream']);
				if (node.OnFailure !== undefined) need('OnFailure', node.OnFailure, ['sqs-queue', 'sns-topic']);
				if (source?.type === 'sqs-queue' && source.FifoQueue) {
					// ESM-SQS-1: FIFO sources take batches of at most 10 and no batching window.
					if ((node.BatchSize ?? 10) > 10) {
						errors.push({ path: at('BatchSize'), message: 'must be 1–10 for a FIFO queue (ESM-SQS-1)' });
					}
					if (node.MaximumBatchingWindowInSeconds > 0) {
						errors.push({
							path: at('MaximumBatchingWindowInSeconds'),
							message: 'is not supported for FIFO queues (ESM-SQS-1)'
						});
					}
				}
				// ESM-SQS-1: standard sources only (FIFO sources allow neither BatchSize > 10 nor a window).
				if (
					source?.type === 'sqs-queue' &&
					!source.FifoQueue &&
					(node.BatchSize ?? 10) > 10 &&
					node.MaximumBatchingWindowInSeconds < 1
				) {
					errors.push({
						path: at('MaximumBatchingWindowInSeconds'),
						message: 'must be at least 1 when BatchSize is over 10 (ESM-SQS-1)'
					});
				}
				break;
			}
			case 'sns-topic': {
				const fifo = node.FifoTopic;
				const name = node.TopicName ?? node.id;
				if (fifo !== name.endsWith('.fifo')) {
					errors.push({
						path: at(node.TopicName ? 'TopicName' : 'id'),
						message: fifo
							? 'a FIFO topic name must end with .fifo (SNS-FIFO-1)'
							: 'a topic named .fifo must set FifoTopic: true'
					});
				}
				// SNS-API-1: one subscription per (topic, protocol, endpoint). Subscribing the same endpoint
				// again with the same attributes returns the existing subscription; with other attributes
				// it fails. A scenario lists each subscription once, so a repeat is an error either way.
				const seen = new Map<string, number>();
				node.Subscriptions.forEach((sub, k) => {
					const sp = `Subscriptions[${k}]`;
					const endpoint =
						sub.Protocol === 'sqs' ? (findQueue(sub.Endpoint)?.id ?? sub.Endpoint) : sub.Endpoint;
					const key = `${sub.Protocol}\u0000${endpoint}`;
					const first = seen.get(key);
					if (first === undefined) seen.set(key, k);
					else {
						const earlier = node.Subscriptions[first];
						const same =
							earlier !== undefined &&
							stableStringify(attributesOf(earlier)) === stableStringify(attributesOf(sub));
						errors.push({
							path: at(sp),
							message: same
								? `subscribes ${sub.Protocol} '${sub.Endpoint}' again, like Subscriptions[${first}]; AWS keeps one subscription per protocol and endpoint (SNS-API-1)`
								: `subscribes ${sub.Protocol} '${sub.Endpoint}' again, like Subscriptions[${first}] but with other attributes; AWS keeps one subscription per protocol and endpoint and refuses to subscribe it again with different attributes (SNS-API-1)`
						});
					}
					if (sub.Protocol === 'sqs') {
						const q = need(`${sp}.Endpoint`, sub.Endpoint, ['sqs-queue']);
						if (q?.type === 'sqs-queue' && fifo && !q.FifoQueue && sub.RawMessageDelivery === undefined) {
							// SNS-FIFO-1: standard queues may subscribe, without order.
						}
						if (q?.type === 'sqs-queue' && !fifo && q.FifoQueue) {
							errors.push({
								path: at(`${sp}.Endpoint`),
								message: 'a FIFO queue can only subscribe to a FIFO topic'
							});
						}
					} else if (fifo) {
						errors.push({
							path: at(`${sp}.Protocol`),
							message: 'FIFO topics only support the sqs protocol (SNS-FIFO-1)'
						});
					}
					if (sub.RedrivePolicy) {
						const dlq = need(
							`${sp}.RedrivePolicy.deadLetterTargetArn`,
							sub.RedrivePolicy.deadLetterTargetArn,
							['sqs-queue']
						);
						// SNS-DLQ-1, as recorded (LocalStack test_sns.snapshot.json, test_validations_for_fifo): a FIFO
						// queue's subscription needs a FIFO DLQ; a standard queue on a FIFO topic may use a standard one.
						const endpointQueue = sub.Protocol === 'sqs' ? findQueue(sub.Endpoint) : undefined;
						const wantFifo = fifo && endpointQueue?.type === 'sqs-queue' && endpointQueue.FifoQueue === true;
						if (dlq?.type === 'sqs-queue' && wantFifo && !dlq.FifoQueue) {
							errors.push({
								path: at(`${sp}.RedrivePolicy.deadLetterTargetArn`),
								message: 'must be a FIFO queue, like the subscribed FIFO queue (SNS-DLQ-1)'
							});
						} else if (dlq?.type === 'sqs-queue' && !fifo && dlq.FifoQueue) {
							errors.push({
								path: at(`${sp}.RedrivePolicy.deadLetterTargetArn`),
								message: 'must be a standard queue, like the topic (SNS-DLQ-1)'
							});
						}
					}
				});
				break;
			}
			case 'producer': {
				const target = need('target', node.target, ['sqs-queue', 'sns-topic', 'kinesis-stream', 'firehose']);
				if (target?.type === 'firehose' && target.source !== undefined) {
					errors.push({
						path: at('target'),
						message: 'this delivery stream reads a Kinesis stream; it takes no direct puts (FH-2)'
					});
				}
				if (target?.type === 'sns-topic' && target.FifoTopic) {
					if (!node.MessageGroupId) {
						errors.push({
							path: at('MessageGroupId'),
							message: 'is required when publishing to a FIFO topic (SNS-FIFO-2)'
						});
					}
					if (!target.ContentBasedDeduplication && !node.MessageDeduplicationId) {
						errors.push({
							path: at('MessageDeduplicationId'),
							message: 'is required unless the FIFO topic has ContentBasedDeduplication (SNS-FIFO-2)'
						});
					}
				}
				if (target?.type === 'sqs-queue') {
					if (target.FifoQueue && !node.MessageGroupId) {
						errors.push({
							path: at('MessageGroupId'),
							message: 'is required when sending to a FIFO queue (SQS-FIFO-2)'
						});
					}
					if (target.FifoQueue && node.DelaySeconds !== undefined) {
						errors.push({
							path: at('DelaySeconds'),
							message: 'per-message delay is not supported by FIFO queues (SQS-FIFO-7)'
						});
					}
					if (target.FifoQueue && !target.ContentBasedDeduplication && !node.MessageDeduplicationId) {
						errors.push({
							path: at('MessageDeduplicationId'),
							message: 'is required unless the FIFO queue has ContentBasedDeduplication (SQS-FIFO-3)'
						});
					}
				}
				break;
			}
			case 'kinesis-consumer':
				need('source', node.source, ['kinesis-stream']);
				break;
			case 'firehose':
				if (node.source !== undefined) need('source', node.source, ['kinesis-stream']);
				break;
			case 'kinesis-stream':
				node.Actions.forEach((a, k) => {
					if (a.action === 'split' && Number(a.ShardToSplit.slice(8)) >= 10_000) {
						errors.push({ path: at(`Actions[${k}].ShardToSplit`), message: 'no such shard' });
					}
					if (a.action === 'merge') {
						for (const f of ['ShardToMerge', 'AdjacentShardToMerge'] as const) {
							if (Number(a[f].slice(8)) >= 10_000)
								errors.push({ path: at(`Actions[${k}].${f}`), message: 'no such shard' });
						}
						if (a.ShardToMerge === a.AdjacentShardToMerge) {
							errors.push({
								path: at(`Actions[${k}].AdjacentShardToMerge`),
								message: 'must be another shard than ShardToMerge (KIN-11)'
							});
						}
					}
				});
				break;
			case 'consumer':
				// (An inverted uniform ProcessingTime is the schema's to report, wherever it appears.)
				need('source', node.source, ['sqs-queue']);
				break;
		}
	});
	return errors;
}
