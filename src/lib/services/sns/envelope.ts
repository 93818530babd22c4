// What an SNS delivery carries: the JSON envelope (SNS-ENV-1) or, with RawMessageDelivery, the bare message
// with SNS attributes turned into SQS message attributes (SNS-ENV-2).

import { isoTimestamp, REGION, ACCOUNT_ID } from '../shared/aws';
import type { MessageAttributes } from '../sqs/message';
import { base64OfBytes } from '../shared/base64';

export interface SnsAttributeValue {
	DataType: string;
	StringValue?: string;
	BinaryValue?: string | Uint8Array;
}

export type SnsAttributes = Record<string, SnsAttributeValue>;

export interface PublishedMessage {
	MessageId: string;
	TopicArn: string;
	Message: string;
	Subject?: string;
	MessageAttributes?: SnsAttributes;
	MessageGroupId?: string;
	MessageDeduplicationId?: string;
	SequenceNumber?: string;
	/** The topic's SignatureVersion ('1' or '2') when it was published (SNS-ENV-1). */
	SignatureVersion?: string;
	/** Simulated publish time (ms). */
	publishedAt: number;
	origin: string;
}

function base64(v: string | Uint8Array): string {
	return typeof v === 'string' ? v : base64OfBytes(v);
}

/**
 * SNS-ENV-1: the notification envelope, with keys in the order AWS sends them. SNS-FIFO-1: a FIFO topic's
 * envelope has no SignatureVersion, Signature or SigningCertURL (LocalStack test_sns.snapshot.json,
 * test_fifo_topic_to_regular_sqs, test_publish_fifo_messages_to_dlq[False]).
 */
export function notificationEnvelope(
	m: PublishedMessage,
	subscriptionArn: string,
	options: { fifo?: boolean } = {}
): Record<string, unknown> {
	const env: Record<string, unknown> = { Type: 'Notification', MessageId: m.MessageId };
	if (m.SequenceNumber !== undefined) env.SequenceNumber = m.SequenceNumber;
	env.TopicArn = m.TopicArn;
	if (m.Subject !== undefined) env.Subject = m.Subject;
	env.Message = m.Message;
	env.Timestamp = isoTimestamp(m.publishedAt);
	if (options.fifo !== true) {
		env.SignatureVersion = m.SignatureVersion ?? '1';
		env.Signature = 'SIMULATED';
		env.SigningCertURL = `https://sns.${REGION}.amazonaws.com/SimpleNotificationService-simulated.pem`;
	}
	env.UnsubscribeURL = `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;
	if (m.MessageAttributes && Object.keys(m.MessageAttributes).length > 0) {
		env.MessageAttributes = Object.fromEntries(
			Object.entries(m.MessageAttributes).map(([k, v]) => [
				k,
				{
					Type: v.DataType,
					Value: v.DataType.startsWith('Binary') ? base64(v.BinaryValue ?? '') : (v.StringValue ?? '')
				}
			])
		);
	}
	return env;
}

/** The bytes of a Binary value given as bytes or as base64 text. */
export function binaryValueBytes(v: string | Uint8Array): Uint8Array {
	if (typeof v !== 'string') return v;
	const bin = atob(v);
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}

/**
 * SNS-ENV-2: raw delivery to SQS turns SNS attributes into SQS message attributes. SNS-API-1: with
 * `binaryAsBytes`, Binary values are handed over as bytes (LocalStack test_sns.snapshot.json,
 * test_redrive_policy_sqs_queue_subscription[True]: "BinaryValue": b'\x02\x03\x04').
 */
export function sqsAttributesFor(
	attrs: SnsAttributes | undefined,
	options: { binaryAsBytes?: boolean } = {}
): MessageAttributes | undefined {
	if (!attrs) return undefined;
	let out: MessageAttributes | undefined;
	for (const k in attrs) {
		const v = attrs[k] as SnsAttributes[string];
		out ??= {};
		out[k] = v.DataType.startsWith('Binary')
			? {
					DataType: v.DataType,
					BinaryValue: options.binaryAsBytes ? binaryValueBytes(v.BinaryValue ?? '') : (v.BinaryValue ?? '')
				}
			: { DataType: v.DataType, StringValue: v.StringValue ?? '' };
	}
	return out;
}

export function snsTopicArn(name: string): string {
	return `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${name}`;
}
