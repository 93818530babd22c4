// Simulated account, region and the mapping from simulated time to AWS epoch timestamps.

export const ACCOUNT_ID = '000000000000';
export const REGION = 'us-east-1';
/** Simulated t = 0 is this instant (2026-01-01T00:00:00Z), a fixed constant, never the wall clock. */
export const EPOCH_BASE_MS = 1767225600000;
/** The SenderId reported on messages sent by simulated clients. */
export const SENDER_ID = 'AIDAPIGEONHOLE0000001';

export function epochMs(simMs: number): number {
	return EPOCH_BASE_MS + Math.round(simMs);
}

export function isoTimestamp(simMs: number): string {
	return new Date(epochMs(simMs)).toISOString();
}

export function sqsQueueUrl(name: string): string {
	return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/${name}`;
}

export function sqsQueueArn(name: string): string {
	return `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}`;
}
