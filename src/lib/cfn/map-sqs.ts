// AWS::SQS::Queue → an sqs-queue node. Every attribute the queue model has (SQS-STD-*, SQS-FIFO-*,
// SQS-DLQ-*) is carried over under its AWS name; the RedrivePolicy's dead-letter ARN becomes the DLQ's node id.

import type { NodeDoc } from './nodes';
import { defined, QUEUE, type Props } from './props';

export function mapQueue(p: Props): NodeDoc {
	const fifo = p.bool('FifoQueue');
	const name = p.str('QueueName');
	const redrive = p.child('RedrivePolicy');
	let RedrivePolicy: Record<string, unknown> | undefined;
	if (redrive) {
		const dlq = redrive.target('deadLetterTargetArn', [QUEUE]);
		const maxReceiveCount = redrive.num('maxReceiveCount');
		redrive.finish();
		if (dlq !== undefined) RedrivePolicy = { deadLetterTargetArn: dlq, maxReceiveCount };
	}
	const allow = p.child('RedriveAllowPolicy');
	let RedriveAllowPolicy: Record<string, unknown> | undefined;
	if (allow) {
		const sources = allow.list('sourceQueueArns');
		const ids = sources?.flatMap((s, k) => {
			const t = typeof s === 'string' ? p.index.find(s, [QUEUE]) : undefined;
			if (!t)
				allow.warn(`sourceQueueArns[${k}]`, `${JSON.stringify(s)} names no queue of this template; left out`);
			return t ? [t.id] : [];
		});
		RedriveAllowPolicy = defined({ redrivePermission: allow.str('redrivePermission'), sourceQueueArns: ids });
		allow.finish();
	}
	const node: NodeDoc = {
		id: p.logicalId,
		type: 'sqs-queue',
		...defined({
			// The stage names a queue by its QueueName; an imported one keeps its logical id there (#17).
			label: name !== undefined || fifo ? p.logicalId : undefined,
			// The generated name of a FIFO queue ends in .fifo (attributes.ts), which the node id does not.
			QueueName: name ?? (fifo ? `${p.logicalId}.fifo` : undefined),
			FifoQueue: fifo,
			VisibilityTimeout: p.num('VisibilityTimeout'),
			DelaySeconds: p.num('DelaySeconds'),
			MessageRetentionPeriod: p.num('MessageRetentionPeriod'),
			MaximumMessageSize: p.num('MaximumMessageSize'),
			ReceiveMessageWaitTimeSeconds: p.num('ReceiveMessageWaitTimeSeconds'),
			ContentBasedDeduplication: p.bool('ContentBasedDeduplication'),
			DeduplicationScope: p.str('DeduplicationScope'),
			FifoThroughputLimit: p.str('FifoThroughputLimit'),
			RedrivePolicy,
			RedriveAllowPolicy
		})
	};
	for (const key of ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled']) {
		p.unsupported(key, 'encryption is not simulated; the queue behaves the same without it');
	}
	p.skip('Tags');
	p.finish();
	return node;
}
