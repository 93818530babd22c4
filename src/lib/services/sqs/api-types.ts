// The SQS API shapes the queue takes and returns (AWS SDK v3 names), shared by the queue node, the consumers,
// the SNS topic's SQS deliveries and the sandbox client.

import type { NodeEvent } from '../../engine/simulation';
import type { MessageAttributes } from './message';

export interface SendMessageInput {
	QueueUrl?: string;
	MessageBody: string;
	DelaySeconds?: number;
	MessageAttributes?: MessageAttributes;
	/** SQS-STD-13: only AWSTraceHeader (a String); kept on the message and on a move to its DLQ. */
	MessageSystemAttributes?: MessageAttributes;
	MessageDeduplicationId?: string;
	MessageGroupId?: string;
}

export interface SendMessageOutput {
	MessageId: string;
	MD5OfMessageBody: string;
	MD5OfMessageAttributes?: string;
	/** SQS-STD-13: present when the send carried MessageSystemAttributes. */
	MD5OfMessageSystemAttributes?: string;
	SequenceNumber?: string;
}

export interface ReceiveMessageInput {
	QueueUrl?: string;
	MaxNumberOfMessages?: number;
	VisibilityTimeout?: number;
	WaitTimeSeconds?: number;
	AttributeNames?: string[];
	MessageSystemAttributeNames?: string[];
	MessageAttributeNames?: string[];
	ReceiveRequestAttemptId?: string;
}

export interface ReceivedMessage {
	MessageId: string;
	ReceiptHandle: string;
	MD5OfBody: string;
	Body: string;
	Attributes?: Record<string, string>;
	MessageAttributes?: MessageAttributes;
	MD5OfMessageAttributes?: string;
	/** Simulator-internal: the producer's original id, only for scenario clients that ask (withOrigin). */
	origin?: string;
}

export interface ReceiveMessageOutput {
	Messages?: ReceivedMessage[];
}

/** Who sends: the node id (producer, topic, sandbox…) and the id of the original message it carries. */
export interface SendContext {
	from: string;
	origin?: string;
	senderId?: string;
}

export interface ReceiveContext {
	/** The node that asked (a consumer, a Lambda poller, the sandbox client). */
	by: string;
	/** Correlates a long-poll result delivered later as a RECEIVE_RESULT event to `by`. */
	requestId?: string;
	/** Scenario clients get the producer's original id on each message (not part of AWS's shape). */
	withOrigin?: boolean;
}

export type ReceiveResult =
	{ kind: 'done'; output: ReceiveMessageOutput } | { kind: 'waiting'; waiterId: number };

/** The event a long-polling client gets when its wait ends. */
export interface ReceiveResultEvent extends NodeEvent {
	type: 'RECEIVE_RESULT';
	queue: string;
	requestId: string;
	output: ReceiveMessageOutput;
}

export interface BatchError {
	Id: string;
	SenderFault: boolean;
	Code: string;
	Message: string;
}
