// A queue's resolved configuration (AWS attribute names, AWS units) and the [sim] nondeterminism presets
// that make SQS-STD-1/-2 visible: simulated servers, copies per message, short-poll sampling and the chance
// that one copy misses a delete.

import type { Nondeterminism } from '../../engine/scenario';
import { QUEUE_DEFAULTS } from './limits';

export interface NondeterminismRates {
	/** Simulated servers a queue's messages are spread over (SQS-STD-2 [sim] "virtual partitions"). */
	servers: number;
	/** Copies stored per message, on distinct servers (SQS-STD-1). */
	copies: number;
	/** A short poll asks each server with this probability (SQS-STD-2 [sim]); long polls ask all. */
	shortPollSampleRate: number;
	/** Chance that one copy misses a delete and reappears later: a duplicate delivery (SQS-STD-1 [sim]). */
	missedDeleteRate: number;
	/**
	 * SQS-STD-1: messages that become available in the same tick keep the order they arrived in ('arrival',
	 * the 'off' preset) instead of a seeded shuffle (the default). Recorded real AWS hands back two messages
	 * sent one after the other in send order (LocalStack test_sqs.snapshot.json,
	 * test_message_retention_with_inflight and test_send_message_batch), so with nondeterminism off the
	 * sandbox does too.
	 */
	sameTickOrder?: 'arrival' | 'shuffle';
}

/** [sim] presets. "typical" is rare, as in production; "classroom" shows duplicates within a minute. */
export const NONDETERMINISM_PRESETS: Record<'off' | 'typical' | 'classroom', NondeterminismRates> = {
	off: { servers: 4, copies: 3, shortPollSampleRate: 1, missedDeleteRate: 0, sameTickOrder: 'arrival' },
	typical: { servers: 4, copies: 3, shortPollSampleRate: 0.75, missedDeleteRate: 0.0005 },
	classroom: { servers: 4, copies: 3, shortPollSampleRate: 0.5, missedDeleteRate: 0.05 }
};

export function resolveNondeterminism(n: Nondeterminism | undefined): NondeterminismRates {
	if (n === undefined) return NONDETERMINISM_PRESETS.typical;
	if (typeof n === 'string') return NONDETERMINISM_PRESETS[n];
	const base = NONDETERMINISM_PRESETS.off;
	const servers = n.servers ?? base.servers;
	return {
		servers,
		copies: Math.min(n.copies ?? base.copies, servers),
		shortPollSampleRate: n.shortPollSampleRate ?? base.shortPollSampleRate,
		missedDeleteRate: n.missedDeleteRate ?? base.missedDeleteRate
	};
}

export interface RedrivePolicy {
	/** ARN of the dead-letter queue, as AWS shows it. */
	deadLetterTargetArn: string;
	maxReceiveCount: number;
}

export interface RedriveAllowPolicy {
	redrivePermission: 'allowAll' | 'denyAll' | 'byQueue';
	sourceQueueArns?: string[];
}

export interface QueueConfig {
	QueueName: string;
	FifoQueue: boolean;
	VisibilityTimeout: number;
	DelaySeconds: number;
	MessageRetentionPeriod: number;
	MaximumMessageSize: number;
	ReceiveMessageWaitTimeSeconds: number;
	ContentBasedDeduplication: boolean;
	DeduplicationScope: 'queue' | 'messageGroup';
	FifoThroughputLimit: 'perQueue' | 'perMessageGroupId';
	RedrivePolicy?: RedrivePolicy;
	RedriveAllowPolicy?: RedriveAllowPolicy;
	nondeterminism: NondeterminismRates;
}

export const DEFAULT_QUEUE_CONFIG: Omit<QueueConfig, 'QueueName' | 'FifoQueue'> = {
	...QUEUE_DEFAULTS,
	ContentBasedDeduplication: false,
	DeduplicationScope: 'queue', // SQS-FIFO-4
	FifoThroughputLimit: 'perQueue', // SQS-FIFO-9
	nondeterminism: NONDETERMINISM_PRESETS.off
};
