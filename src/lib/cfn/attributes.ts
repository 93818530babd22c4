// What Ref and Fn::GetAtt return for each resource type, built deterministically: the simulated account
// 000000000000 in us-east-1, and a resource without an explicit name is named after its logical id (where
// CloudFormation would add the stack name and a random suffix). The index maps every such string back to
// the node it names.

import { TemplateError, type Site } from './errors';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';
export const PARTITION = 'aws';
export const URL_SUFFIX = 'amazonaws.com';

export interface Attributes {
	/** What Ref returns. */
	ref: string;
	/** Fn::GetAtt attribute → value. */
	atts: Record<string, string>;
	/** The resource's name (physical id). */
	name: string;
}

const arn = (service: string, resource: string, region = REGION) =>
	`arn:${PARTITION}:${service}:${region}:${ACCOUNT}:${resource}`;

function named(props: Record<string, unknown>, key: string, fallback: string): string {
	const v = props[key];
	return typeof v === 'string' && v !== '' ? v : fallback;
}

/** A resource's Ref and attributes from its resolved properties. */
export function attributesOf(type: string, id: string, props: Record<string, unknown>): Attributes {
	switch (type) {
		case 'AWS::SQS::Queue': {
			// SQS-FIFO-1: a FIFO queue's generated name ends in .fifo too.
			const name = named(
				props,
				'QueueName',
				props['FifoQueue'] === true || props['FifoQueue'] === 'true' ? `${id}.fifo` : id
			);
			const url = `https://sqs.${REGION}.${URL_SUFFIX}/${ACCOUNT}/${name}`;
			return { name, ref: url, atts: { Arn: arn('sqs', name), QueueName: name, QueueUrl: url } };
		}
		case 'AWS::SNS::Topic': {
			const fifo = props['FifoTopic'] === true || props['FifoTopic'] === 'true';
			const name = named(props, 'TopicName', fifo ? `${id}.fifo` : id);
			const topicArn = arn('sns', name);
			return { name, ref: topicArn, atts: { TopicArn: topicArn, TopicName: name } };
		}
		case 'AWS::SNS::Subscription': {
			const subArn = arn('sns', `subscription/${id}`);
			return { name: id, ref: subArn, atts: { Arn: subArn } };
		}
		case 'AWS::Kinesis::Stream': {
			const name = named(props, 'Name', id);
			return { name, ref: name, atts: { Arn: arn('kinesis', `stream/${name}`) } };
		}
		case 'AWS::Lambda::Function':
		case 'AWS::Serverless::Function': {
			const name = named(props, 'FunctionName', id);
			return { name, ref: name, atts: { Arn: arn('lambda', `function:${name}`) } };
		}
		case 'AWS::Lambda::EventSourceMapping': {
			const uuid = `esm-${id}`;
			return {
				name: uuid,
				ref: uuid,
				atts: { Id: uuid, EventSourceMappingArn: arn('lambda', `event-source-mapping:${uuid}`) }
			};
		}
		case 'AWS::KinesisFirehose::DeliveryStream': {
			const name = named(props, 'DeliveryStreamName', id);
			return { name, ref: name, atts: { Arn: arn('firehose', `deliverystream/${name}`) } };
		}
	}
	return { name: id, ref: id, atts: {} };
}

/** Types whose attributes are listed exactly; for any other (ignored) type every attribute has a value. */
const MODELLED = new Set([
	'AWS::SQS::Queue',
	'AWS::SNS::Topic',
	'AWS::SNS::Subscription',
	'AWS::Kinesis::Stream',
	'AWS::Lambda::Function',
	'AWS::Serverless::Function',
	'AWS::Lambda::EventSourceMapping',
	'AWS::KinesisFirehose::DeliveryStream'
]);

/** Fn::GetAtt of a resource: a modelled type's own attributes, or a stand-in for a resource the importer ignores. */
export function attributeOf(type: string, id: string, a: Attributes, attribute: string, at: Site): string {
	const v = a.atts[attribute];
	if (v !== undefined) return v;
	if (MODELLED.has(type)) {
		const known = Object.keys(a.atts).join(', ') || 'none';
		throw new TemplateError(`${type} '${id}' has no attribute '${attribute}' (it has ${known})`, at);
	}
	// An ignored resource (a role, a bucket…): a deterministic stand-in, as the value only has to be stable.
	const service = (type.split('::')[1] ?? 'resource').toLowerCase();
	return attribute.endsWith('Arn') ? arn(service, id) : `${id}.${attribute}`;
}

export interface Target {
	id: string;
	type: string;
	name: string;
}

/** Every name, URL and ARN of a messaging resource, back to its logical id. */
export class ReferenceIndex {
	readonly #byValue = new Map<string, Target[]>();
	readonly #all: Target[] = [];

	add(type: string, id: string, a: Attributes): void {
		const t = { id, type, name: a.name };
		this.#all.push(t);
		for (const value of new Set([a.ref, a.name, id, ...Object.values(a.atts)])) {
			const list = this.#byValue.get(value) ?? [];
			list.push(t);
			this.#byValue.set(value, list);
		}
	}

	/**
	 * The resource of one of `types` a string names: exactly (a Ref/GetAtt value or a logical id), or by the
	 * name at the end of an ARN or URL written out by hand (…:queue-name, …:function:name:alias, …/stream/name).
	 */
	find(value: string, types: readonly string[]): Target | undefined {
		const exact = (this.#byValue.get(value) ?? []).find((t) => types.includes(t.type));
		if (exact) return exact;
		const name = nameInArn(value);
		if (name === undefined) return undefined;
		return this.#all.find((t) => types.includes(t.type) && t.name === name);
	}
}

/** The resource name an ARN or SQS URL ends in. */
export function nameInArn(value: string): string | undefined {
	if (value.startsWith('https://')) return value.split('/').pop();
	if (!value.startsWith('arn:')) return undefined;
	const resource = value.split(':').slice(5);
	// arn:aws:lambda:region:account:function:name[:alias]
	if (resource[0] === 'function') return resource[1];
	const last = resource.join(':');
	return last.split('/').pop();
}
