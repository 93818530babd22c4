// The lifecycle of one SNS delivery to one subscription (SNS-TOP-1, SNS-RETRY-*, SNS-DLQ-2): attempted; a
// server-side failure waits and retries while the delivery policy has retries left (the retriesLeft guard);
// a client-side failure, or a server-side one with none left, is offered to the subscription's DLQ, which
// takes it (dead-lettered) or not (dropped). Filtered-out messages never start a delivery (SNS-FP-1). The topic
// steps each delivery through this machine with its guard and performs the named effects; the inspector
// draws it.

import { setup } from 'xstate';
import { compileMachine } from '../shared/compile-machine';

export type DeliveryStatus =
	'attempting' | 'waitingRetry' | 'failing' | 'delivered' | 'deadLettered' | 'dropped';
export type DeliveryEvent = 'SUCCESS' | 'SERVER_ERROR' | 'CLIENT_ERROR' | 'RETRY' | 'DLQ_ACCEPTED' | 'NO_DLQ';
export type DeliveryGuard = 'retriesLeft';
export type DeliveryEffect = 'scheduleRetry' | 'offerToDlq';

const none = () => undefined;

export const deliveryMachine = setup({
	types: { events: {} as { type: DeliveryEvent } },
	guards: { retriesLeft: () => false },
	actions: { scheduleRetry: none, offerToDlq: none }
}).createMachine({
	id: 'sns-delivery',
	initial: 'attempting',
	states: {
		attempting: {
			on: {
				SUCCESS: 'delivered',
				// SNS-RETRY-1/-4: server-side failures are retried along the policy's phases while retries are left.
				SERVER_ERROR: [
					{ guard: 'retriesLeft', target: 'waitingRetry', actions: 'scheduleRetry' },
					{ target: 'failing', actions: 'offerToDlq' }
				],
				// SNS-DLQ-2: client-side errors are never retried.
				CLIENT_ERROR: { target: 'failing', actions: 'offerToDlq' },
				// The subscription was deleted before the attempt.
				NO_DLQ: 'dropped'
			}
		},
		waitingRetry: { on: { RETRY: 'attempting' } },
		// SNS-DLQ-2/-3: to the subscription's DLQ if it has a reachable one that takes the message.
		failing: { on: { DLQ_ACCEPTED: 'deadLettered', NO_DLQ: 'dropped' } },
		delivered: { type: 'final' },
		deadLettered: { type: 'final' },
		dropped: { type: 'final' }
	}
});

export const deliveryLifecycle = compileMachine<DeliveryStatus, DeliveryEvent, DeliveryGuard, DeliveryEffect>(
	deliveryMachine
);
