// The input shapes of the sandbox's SQS API (SQS API Reference): every call is read with one of these before
// anything else; see shape.ts for what AWS returns when a request does not fit (SQS over AWS JSON 1.0).

import { awsError, type AwsError } from '../services/shared';
import { base64, int, list, map, req, str, struct, type Shape } from './shape';

/** An attribute value that is not text: "Invalid value for the parameter FifoQueue." (SQS-STD-13). */
function attributeValue(at: string): AwsError {
	return awsError(
		'InvalidAttributeValue',
		`Invalid value for the parameter ${at.split('.').slice(1).join('.')}.`
	);
}

const QUEUE_URL = req(str);
const ATTRIBUTES = map(str, attributeValue);
const MESSAGE_ATTRIBUTES = map(
	struct({
		DataType: str,
		StringValue: str,
		BinaryValue: base64,
		StringListValues: list(str),
		BinaryListValues: list(base64)
	})
);
const MESSAGE_FIELDS = {
	MessageBody: str,
	DelaySeconds: int,
	MessageAttributes: MESSAGE_ATTRIBUTES,
	MessageSystemAttributes: MESSAGE_ATTRIBUTES,
	MessageDeduplicationId: str,
	MessageGroupId: str
};
const BY_URL = struct({ QueueUrl: QUEUE_URL });

export const SHAPES = {
	createQueue: struct({ QueueName: req(str), Attributes: ATTRIBUTES, tags: map(str) }),
	getQueueUrl: struct({ QueueName: req(str), QueueOwnerAWSAccountId: str }),
	listQueues: struct({ QueueNamePrefix: str, NextToken: str, MaxResults: int }),
	deleteQueue: BY_URL,
	getQueueAttributes: struct({ QueueUrl: QUEUE_URL, AttributeNames: list(str) }),
	setQueueAttributes: struct({ QueueUrl: QUEUE_URL, Attributes: req(ATTRIBUTES) }),
	listDeadLetterSourceQueues: struct({ QueueUrl: QUEUE_URL, NextToken: str, MaxResults: int }),
	tagQueue: struct({ QueueUrl: QUEUE_URL, Tags: req(map(str)) }),
	untagQueue: struct({ QueueUrl: QUEUE_URL, TagKeys: req(list(str)) }),
	addPermission: struct({
		QueueUrl: QUEUE_URL,
		Label: req(str),
		AWSAccountIds: req(list(str)),
		Actions: req(list(str))
	}),
	removePermission: struct({ QueueUrl: QUEUE_URL, Label: req(str) }),
	listQueueTags: BY_URL,
	sendMessage: struct({ QueueUrl: QUEUE_URL, ...MESSAGE_FIELDS, MessageBody: req(str) }),
	sendMessageBatch: struct({
		QueueUrl: QUEUE_URL,
		// Entry members are checked by the queue, entry by entry (a bad entry is a Failed entry).
		Entries: req(list(struct({ Id: str, ...MESSAGE_FIELDS })))
	}),
	receiveMessage: struct({
		QueueUrl: QUEUE_URL,
		AttributeNames: list(str),
		MessageSystemAttributeNames: list(str),
		MessageAttributeNames: list(str),
		MaxNumberOfMessages: int,
		VisibilityTimeout: int,
		WaitTimeSeconds: int,
		ReceiveRequestAttemptId: str
	}),
	deleteMessage: struct({ QueueUrl: QUEUE_URL, ReceiptHandle: req(str) }),
	deleteMessageBatch: struct({
		QueueUrl: QUEUE_URL,
		Entries: req(list(struct({ Id: str, ReceiptHandle: str })))
	}),
	changeMessageVisibility: struct({
		QueueUrl: QUEUE_URL,
		ReceiptHandle: req(str),
		VisibilityTimeout: req(int)
	}),
	changeMessageVisibilityBatch: struct({
		QueueUrl: QUEUE_URL,
		Entries: req(list(struct({ Id: str, ReceiptHandle: str, VisibilityTimeout: int })))
	}),
	purgeQueue: BY_URL,
	startMessageMoveTask: struct({
		SourceArn: req(str),
		DestinationArn: str,
		MaxNumberOfMessagesPerSecond: int
	}),
	cancelMessageMoveTask: struct({ TaskHandle: req(str) }),
	listMessageMoveTasks: struct({ SourceArn: req(str), MaxResults: int })
} satisfies Record<string, Shape>;
