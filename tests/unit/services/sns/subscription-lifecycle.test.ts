// SNS-TOP-2: a subscription's lifecycle machine, through its pure API and through the topic that steps it.
import { describe, expect, it } from 'vitest';
import { subscriptionLifecycle } from '$lib/services/sns';
import { createSandbox } from '$lib/sandbox';

describe('subscription lifecycle (SNS-TOP-2)', () => {
	it('SNS-TOP-2: pending confirmation → confirmed → deleted; a repeated confirm changes nothing', () => {
		expect(subscriptionLifecycle.initial).toBe('pendingConfirmation');
		expect(subscriptionLifecycle.next('pendingConfirmation', 'CONFIRM')).toBe('confirmed');
		expect(subscriptionLifecycle.next('confirmed', 'CONFIRM')).toBe('confirmed');
		expect(subscriptionLifecycle.next('pendingConfirmation', 'UNSUBSCRIBE')).toBe('deleted');
		expect(subscriptionLifecycle.next('confirmed', 'UNSUBSCRIBE')).toBe('deleted');
		expect(subscriptionLifecycle.isFinal('deleted')).toBe(true);
		expect(() => subscriptionLifecycle.must('deleted', 'CONFIRM')).toThrow(/no transition/);
	});

	it('SNS-TOP-2: an SQS subscription is confirmed at once, an HTTPS one waits; unsubscribe deletes it', () => {
		const sb = createSandbox({ seed: 4 });
		const { TopicArn } = sb.sns.createTopic({ Name: 't' });
		const url = sb.sqs.createQueue({ QueueName: 'q' }).QueueUrl;
		const qArn = sb.sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes
			?.QueueArn as string;
		const sqsSub = sb.sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: qArn }).SubscriptionArn as string;
		sb.sns.subscribe({ TopicArn, Protocol: 'https', Endpoint: 'https://example.com/hook' });
		const attrs = sb.sns.getTopicAttributes({ TopicArn }).Attributes;
		expect(attrs?.SubscriptionsConfirmed).toBe('1');
		expect(attrs?.SubscriptionsPending).toBe('1');
		sb.sns.unsubscribe({ SubscriptionArn: sqsSub });
		expect(sb.sns.getTopicAttributes({ TopicArn }).Attributes?.SubscriptionsConfirmed).toBe('0');
	});
});
