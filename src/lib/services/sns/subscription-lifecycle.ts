// The lifecycle of one SNS subscription (SNS-TOP-2): same-account SQS, Lambda and Firehose endpoints are
// confirmed at once; HTTP/S and email wait for ConfirmSubscription with the token; Unsubscribe ends it.
// Publish delivers only to confirmed subscriptions (SNS-TOP-1). The topic steps each subscription's status
// through this machine; the inspector draws it.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type SubscriptionStatus = 'pendingConfirmation' | 'confirmed' | 'deleted';
export type SubscriptionEvent = 'CONFIRM' | 'UNSUBSCRIBE';

export const subscriptionMachine = setup({
	types: { events: {} as { type: SubscriptionEvent } }
}).createMachine({
	id: 'sns-subscription',
	initial: 'pendingConfirmation',
	states: {
		pendingConfirmation: { on: { CONFIRM: 'confirmed', UNSUBSCRIBE: 'deleted' } },
		// A repeated ConfirmSubscription with the token succeeds and changes nothing.
		confirmed: { on: { CONFIRM: 'confirmed', UNSUBSCRIBE: 'deleted' } },
		deleted: { type: 'final' }
	}
});

export const subscriptionLifecycle = compileMachine<SubscriptionStatus, SubscriptionEvent>(
	subscriptionMachine
);
