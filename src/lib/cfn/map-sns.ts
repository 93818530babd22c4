// AWS::SNS::Topic and AWS::SNS::Subscription → an sns-topic node with its Subscriptions list (SNS-*).
// An sqs endpoint becomes the queue's node id; other endpoints (lambda, https…) stay as written, and the
// topic model treats them as simulated endpoints.

import type { NodeDoc, SubscriptionDoc } from './nodes';
import { defined, QUEUE, TOPIC, type Props } from './props';

export function mapTopic(p: Props): NodeDoc {
	const Subscriptions: SubscriptionDoc[] = [];
	// The inline Subscription list takes only Protocol and Endpoint (AWS::SNS::Topic Subscription).
	for (const sub of p.items('Subscription')) {
		const s = endpointOf(sub);
		sub.finish();
		if (s) Subscriptions.push(s);
	}
	const node: NodeDoc = {
		id: p.logicalId,
		type: 'sns-topic',
		...defined({
			TopicName:
				p.str('TopicName') ??
				(p.values['FifoTopic'] === true || p.values['FifoTopic'] === 'true'
					? `${p.logicalId}.fifo`
					: undefined),
			FifoTopic: p.bool('FifoTopic'),
			ContentBasedDeduplication: p.bool('ContentBasedDeduplication'),
			FifoThroughputScope: p.str('FifoThroughputScope'),
			DeliveryPolicy: p.json('DeliveryPolicy')
		}),
		Subscriptions
	};
	for (const key of [
		'KmsMasterKeyId',
		'SignatureVersion',
		'TracingConfig',
		'DataProtectionPolicy',
		'ArchivePolicy',
		'DeliveryStatusLogging'
	]) {
		p.unsupported(key, 'not simulated; the topic delivers the same without it');
	}
	p.skip('Tags', 'DisplayName');
	p.finish();
	return node;
}

/** Protocol and Endpoint, with an sqs endpoint turned into the queue's node id (undefined: left out). */
function endpointOf(p: Props): SubscriptionDoc | undefined {
	const protocol = p.str('Protocol');
	if (protocol === undefined) return p.fail('Protocol', 'is required');
	const Protocol = protocol.toLowerCase();
	if (Protocol === 'sqs') {
		const Endpoint = p.target('Endpoint', [QUEUE]);
		return Endpoint === undefined ? undefined : { Protocol, Endpoint };
	}
	const Endpoint = p.str('Endpoint');
	if (Endpoint === undefined) return p.fail('Endpoint', 'is required');
	if (Protocol === 'lambda') {
		p.warn(
			'Endpoint',
			'SNS → Lambda is simulated as an endpoint that accepts deliveries; the function is no node'
		);
	}
	return { Protocol, Endpoint };
}

/** AWS::SNS::Subscription: its topic's id and the subscription, or undefined when left out. */
export function mapSubscription(p: Props): { topic: string; subscription: SubscriptionDoc } | undefined {
	const topicArn = p.str('TopicArn');
	if (topicArn === undefined) return p.fail('TopicArn', 'is required');
	const topic = p.index.find(topicArn, [TOPIC]);
	const base = endpointOf(p);
	let RedrivePolicy: Record<string, unknown> | undefined;
	const redrive = p.child('RedrivePolicy');
	if (redrive) {
		const dlq = redrive.target('deadLetterTargetArn', [QUEUE]);
		redrive.finish();
		if (dlq !== undefined) RedrivePolicy = { deadLetterTargetArn: dlq };
	}
	const filter = p.raw('FilterPolicy');
	const subscription = base && {
		...base,
		...defined({
			// A map or its JSON text: the scenario format takes either (SNS-FP-*).
			FilterPolicy: filter,
			FilterPolicyScope: p.str('FilterPolicyScope'),
			RawMessageDelivery: p.bool('RawMessageDelivery'),
			RedrivePolicy,
			DeliveryPolicy: p.raw('DeliveryPolicy')
		})
	};
	const region = p.str('Region');
	if (region !== undefined && region !== 'us-east-1')
		p.warn('Region', 'the simulation has one region, us-east-1');
	p.skip('SubscriptionRoleArn');
	p.unsupported('ReplayPolicy', 'message replay (archives) is not simulated');
	p.finish();
	if (topic === undefined) {
		p.warn('TopicArn', `'${topicArn}' names no topic of this template; the subscription is left out`);
		return undefined;
	}
	return subscription ? { topic: topic.id, subscription } : undefined;
}
