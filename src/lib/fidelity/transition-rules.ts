// The rule behind each transition of the message lifecycle (services/sqs/message-lifecycle.ts), for the
// inspector's list of transitions taken: each names its rule as a link to the fidelity page.
const BY_EVENT: Readonly<Record<string, string>> = {
	DELAY_ELAPSED: 'SQS-STD-8',
	RECEIVE: 'SQS-STD-4',
	VISIBILITY_EXPIRED: 'SQS-STD-4',
	RELEASE: 'SQS-STD-5',
	HIDE: 'SQS-STD-5',
	DELETE: 'SQS-STD-6',
	EXPIRE: 'SQS-STD-9',
	MOVE: 'SQS-DLQ-4'
};
const BY_GUARD: Readonly<Record<string, string>> = { maxReceiveCountReached: 'SQS-DLQ-1' };

/** The rule id of a transition (its guard's rule first), if one governs it. */
export function transitionRule(event: string, guard?: string): string | undefined {
	return (guard !== undefined ? BY_GUARD[guard] : undefined) ?? BY_EVENT[event];
}
