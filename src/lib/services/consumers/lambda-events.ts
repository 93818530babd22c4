// The event objects Lambda hands a function behind an event source mapping: an SQS batch (ESM-SQS-8) and a
// Kinesis batch (ESM-KIN-8), built by pure functions from what the mapping holds. ESM-SQS-1: Lambda invokes
// before the event's JSON would pass 6 MB, so the SQS mapping measures a batch by the UTF-8 size of this
// event's JSON (sqsEventBytes adds up the records' sizes without building the whole event again).

import { ACCOUNT_ID, REGION } from '../shared/aws';
import type { MessageAttributes } from '../sqs/message';
import { base64OfBytes } from '../shared/base64';

/** ESM-SQS-1: the invocation payload limit, 6 MB of event JSON. */
export const MAX_EVENT_BYTES = 6_291_456;

// ESM-SQS-8 -------------------------------------------------------------------------------------------------

/** One message as the SQS mapping holds it, with the queue's attributes for it. Times are epoch ms. */
export interface SqsEventMessage {
	messageId: string;
	receiptHandle: string;
	body: string;
	md5OfBody: string;
	receiveCount: number;
	sentTimestamp: number;
	senderId: string;
	firstReceiveTimestamp: number;
	/** FIFO queues only. */
	messageGroupId?: string;
	messageDeduplicationId?: string;
	sequenceNumber?: string;
	messageAttributes?: MessageAttributes;
}

export interface SqsEventSource {
	queueArn: string;
	fifo: boolean;
	awsRegion?: string;
}

/** ESM-SQS-8: Lambda's lower-camel message attribute shape. */
export interface SqsEventMessageAttribute {
	stringValue?: string;
	binaryValue?: string;
	stringListValues: string[];
	binaryListValues: string[];
	dataType: string;
}

export interface SqsEventRecord {
	messageId: string;
	receiptHandle: string;
	body: string;
	attributes: Record<string, string>;
	messageAttributes: Record<string, SqsEventMessageAttribute>;
	md5OfBody: string;
	eventSource: 'aws:sqs';
	eventSourceARN: string;
	awsRegion: string;
}

export interface SqsEvent {
	Records: SqsEventRecord[];
}

function base64(value: string | Uint8Array): string {
	return typeof value === 'string' ? value : base64OfBytes(value);
}

/** ESM-SQS-8: a message attribute in the event's lower-camel shape (binary values base64). */
export function sqsEventAttribute(a: MessageAttributes[string]): SqsEventMessageAttribute {
	return {
		...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
		...(a.BinaryValue !== undefined ? { binaryValue: base64(a.BinaryValue) } : {}),
		stringListValues: [...(a.StringListValues ?? [])],
		binaryListValues: (a.BinaryListValues ?? []).map(base64),
		dataType: a.DataType
	};
}

/** ESM-SQS-8: one record of an SQS event. */
export function sqsRecord(m: SqsEventMessage, source: SqsEventSource): SqsEventRecord {
	const attributes: Record<string, string> = {
		ApproximateReceiveCount: String(m.receiveCount),
		SentTimestamp: String(m.sentTimestamp),
		SenderId: m.senderId,
		ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestamp)
	};
	if (source.fifo) {
		if (m.sequenceNumber !== undefined) attributes.SequenceNumber = m.sequenceNumber;
		if (m.messageGroupId !== undefined) attributes.MessageGroupId = m.messageGroupId;
		if (m.messageDeduplicationId !== undefined) attributes.MessageDeduplicationId = m.messageDeduplicationId;
	}
	const messageAttributes: Record<string, SqsEventMessageAttribute> = {};
	for (const [name, a] of Object.entries(m.messageAttributes ?? {}))
		messageAttributes[name] = sqsEventAttribute(a);
	return {
		messageId: m.messageId,
		receiptHandle: m.receiptHandle,
		body: m.body,
		attributes,
		messageAttributes,
		md5OfBody: m.md5OfBody,
		eventSource: 'aws:sqs',
		eventSourceARN: source.queueArn,
		awsRegion: source.awsRegion ?? REGION
	};
}

/** ESM-SQS-8: the event of one SQS batch, its records in the batch's order. */
export function sqsEvent(batch: readonly SqsEventMessage[], source: SqsEventSource): SqsEvent {
	return { Records: batch.map((m) => sqsRecord(m, source)) };
}

/** UTF-8 bytes of a value's JSON. */
export function jsonBytes(value: unknown): number {
	return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** The bytes of `{"Records":[]}`, the event without records. */
const EMPTY_EVENT_BYTES = jsonBytes({ Records: [] });

/**
 * ESM-SQS-1: the size of the event JSON of records whose own JSON sizes add up to `recordBytes` (`count`
 * records: the wrapper plus a comma between records), equal to jsonBytes(sqsEvent(...)).
 */
export function eventBytes(count: number, recordBytes: number): number {
	return EMPTY_EVENT_BYTES + recordBytes + Math.max(0, count - 1);
}

// ESM-KIN-8 -------------------------------------------------------------------------------------------------

/** One record as the Kinesis mapping holds it. `approximateArrivalTimestamp` is epoch ms. */
export interface KinesisEventRecordInput {
	partitionKey: string;
	sequenceNumber: string;
	/** The record's bytes, or its data already in base64. */
	data: Uint8Array | { base64: string };
	approximateArrivalTimestamp: number;
}

export interface KinesisEventSource {
	shardId: string;
	streamArn: string;
	/** The function's execution role. */
	invokeIdentityArn: string;
	awsRegion?: string;
}

export interface KinesisEventRecord {
	kinesis: {
		kinesisSchemaVersion: '1.0';
		partitionKey: string;
		sequenceNumber: string;
		data: string;
		approximateArrivalTimestamp: number;
	};
	eventSource: 'aws:kinesis';
	eventID: string;
	eventName: 'aws:kinesis:record';
	invokeIdentityArn: string;
	awsRegion: string;
	eventSourceARN: string;
}

export interface KinesisEvent {
	Records: KinesisEventRecord[];
}

/** The execution role ARN the simulator gives a function (its invokeIdentityArn, ESM-KIN-8). */
export function functionRoleArn(functionId: string): string {
	return `arn:aws:iam::${ACCOUNT_ID}:role/${functionId}-role`;
}

/** ESM-KIN-8: one record of a Kinesis event. */
export function kinesisRecord(r: KinesisEventRecordInput, source: KinesisEventSource): KinesisEventRecord {
	return {
		kinesis: {
			kinesisSchemaVersion: '1.0',
			partitionKey: r.partitionKey,
			sequenceNumber: r.sequenceNumber,
			data: r.data instanceof Uint8Array ? base64(r.data) : r.data.base64,
			// ESM-KIN-8: epoch seconds, with the milliseconds as a fraction.
			approximateArrivalTimestamp: r.approximateArrivalTimestamp / 1000
		},
		eventSource: 'aws:kinesis',
		eventID: `${source.shardId}:${r.sequenceNumber}`,
		eventName: 'aws:kinesis:record',
		invokeIdentityArn: source.invokeIdentityArn,
		awsRegion: source.awsRegion ?? REGION,
		eventSourceARN: source.streamArn
	};
}

/** ESM-KIN-8: the event of one Kinesis batch, its records in sequence order. */
export function kinesisEvent(
	batch: readonly KinesisEventRecordInput[],
	source: KinesisEventSource
): KinesisEvent {
	return { Records: batch.map((r) => kinesisRecord(r, source)) };
}
