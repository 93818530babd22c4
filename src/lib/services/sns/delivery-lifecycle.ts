// The lifecycle of one SNS delivery to one subscription (SNS-TOP-1, SNS-RETRY-*, SNS-DLQ-2): attempted,
// retried after server-side failures along the policy, then delivered, dead-lettered or dropped. Filtered-out
// messages never start a delivery (SNS-FP-1). Compiled to a table; the inspector draws this chart.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type DeliveryStatus = 'attempting' | 'waitingRetry' | 'delivered' | 'deadLettered' | 'dropped';
export type DeliveryEvent = 'SUCCESS' | 'SERVER_ERROR' | 'RETRY' | 'CLIENT_ERROR' | 'EXHAUSTED' | 'NO_DLQ';

export const deliveryMachine = setup({ types: { events: {} as { type: DeliveryEvent } } }).createMachine({
	id: 'sns-delivery',
	initial: 'attempting',
	states: {
		attempting: {
			on: {
				SUCCESS: 'delivered',
				SERVER_ERROR: 'waitingRetry', // SNS-RETRY-1: server-side failures are retried
				CLIENT_ERROR: 'deadLettered', // SNS-DLQ-2: client-side errors go to the DLQ at once
				EXHAUSTED: 'deadLettered', // SNS-DLQ-2: after the policy is used up
				NO_DLQ: 'dropped'
			}
		},
		waitingRetry: { on: { RETRY: 'attempting' } },
		delivered: { type: 'final' },
		deadLettered: { type: 'final' },
		dropped: { type: 'final' }
	}
});

export const deliveryLifecycle = compileMachine<DeliveryStatus, DeliveryEvent>(deliveryMachine);
