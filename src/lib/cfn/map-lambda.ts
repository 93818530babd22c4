// Lambda functions and their event source mappings → lambda nodes (ESM-SQS-*, ESM-KIN-*). The engine
// models a function only as the consumer of a queue or stream, so each mapping, AWS::Lambda::
// EventSourceMapping or a SAM SQS/Kinesis event, becomes a lambda node reading that source, with the
// function's Timeout and reserved concurrency.

import type { SubscriptionDoc } from './nodes';
import { defined, QUEUE, STREAM, TOPIC, type Props } from './props';

/** What a function contributes to each of its lambda nodes. */
export interface FunctionSettings {
	Timeout?: number;
	ReservedConcurrency?: number;
}

/** Properties of a function that do not affect message flow: read without a warning. */
const FUNCTION_SKIPPED = [
	'MemorySize',
	'Runtime',
	'Handler',
	'Code',
	'CodeUri',
	'InlineCode',
	'Role',
	'Environment',
	'Description',
	'FunctionName',
	'Layers',
	'Tags',
	'Architectures',
	'Policies',
	'PackageType',
	'ImageUri',
	'ImageConfig',
	'VpcConfig',
	'Tracing',
	'TracingConfig',
	'LoggingConfig',
	'EphemeralStorage',
	'KmsKeyArn',
	'AutoPublishAlias',
	'DeploymentPreference',
	'FunctionUrlConfig',
	'RuntimeManagementConfig',
	'SnapStart',
	'CodeSigningConfigArn',
	'FileSystemConfigs',
	'PermissionsBoundary',
	'Metadata'
];

export function functionSettings(p: Props): FunctionSettings {
	const settings = defined({
		Timeout: p.num('Timeout'),
		ReservedConcurrency: p.num('ReservedConcurrentExecutions')
	});
	p.skip(...FUNCTION_SKIPPED, 'Events');
	for (const key of ['DeadLetterConfig', 'DeadLetterQueue', 'EventInvokeConfig']) {
		p.unsupported(
			key,
			'asynchronous invocation is not simulated; event source mappings invoke synchronously'
		);
	}
	p.unsupported('ProvisionedConcurrencyConfig', 'provisioned concurrency is not simulated');
	p.finish();
	return settings;
}

/** The lambda-node fields of one event source mapping, and the node id of its source (if in the template). */
export function eventSourceFields(
	p: Props,
	sourceKey: string
): { source?: string; fields: Record<string, unknown> } {
	const source = p.target(sourceKey, [QUEUE, STREAM]);
	const scaling = p.child('ScalingConfig');
	const MaximumConcurrency = scaling?.num('MaximumConcurrency');
	scaling?.finish();
	const destination = p.child('DestinationConfig');
	const onFailure = destination?.child('OnFailure');
	const OnFailure = onFailure?.target('Destination', [QUEUE, TOPIC]);
	onFailure?.skip('Type');
	onFailure?.finish();
	destination?.finish();
	const filter = p.child('FilterCriteria');
	const FilterCriteria = filter && {
		// ESM-SQS-7: each Pattern is the JSON text of an event pattern (or the pattern itself).
		Filters: filter.items('Filters').map((f) => {
			const Pattern = f.raw('Pattern');
			f.finish();
			return { Pattern };
		})
	};
	filter?.finish();
	let StartingPosition = p.str('StartingPosition');
	if (StartingPosition === 'AT_TIMESTAMP') {
		p.warn('StartingPosition', 'AT_TIMESTAMP is read as TRIM_HORIZON: the simulated stream starts empty');
		StartingPosition = 'TRIM_HORIZON';
	}
	p.skip('StartingPositionTimestamp', 'Enabled', 'Tags', 'FunctionName', 'Type');
	const fields = defined({
		BatchSize: p.num('BatchSize'),
		MaximumBatchingWindowInSeconds: p.num('MaximumBatchingWindowInSeconds'),
		FunctionResponseTypes: p.list('FunctionResponseTypes'),
		MaximumConcurrency,
		FilterCriteria,
		StartingPosition,
		ParallelizationFactor: p.num('ParallelizationFactor'),
		BisectBatchOnFunctionError: p.bool('BisectBatchOnFunctionError'),
		MaximumRetryAttempts: p.num('MaximumRetryAttempts'),
		MaximumRecordAgeInSeconds: p.num('MaximumRecordAgeInSeconds'),
		OnFailure
	});
	p.unsupported(
		'TumblingWindowInSeconds',
		'tumbling windows (state carried between batches) are not simulated'
	);
	p.unsupported('MetricsConfig', 'ESM metrics are not simulated');
	p.unsupported('KmsKeyArn', 'filter-criteria encryption is not simulated');
	p.finish();
	return { ...(source !== undefined ? { source } : {}), fields };
}

/** A SAM SNS event: a lambda-protocol subscription on the topic (a simulated endpoint, SNS-*). */
export function snsEventSubscription(
	p: Props,
	functionArn: string
): { topic: string; subscription: SubscriptionDoc } | undefined {
	const topic = p.target('Topic', [TOPIC]);
	const subscription: SubscriptionDoc = {
		Protocol: 'lambda',
		Endpoint: functionArn,
		...defined({ FilterPolicy: p.raw('FilterPolicy'), FilterPolicyScope: p.str('FilterPolicyScope') })
	};
	p.unsupported('SqsSubscription', "SAM's generated queue between topic and function is not imported");
	p.unsupported('RedrivePolicy', 'the dead-letter queue of a lambda subscription is not imported');
	p.skip('Region');
	p.finish();
	p.warn(
		'Topic',
		'SNS → Lambda is simulated as an endpoint that accepts deliveries; the function is no node'
	);
	return topic === undefined ? undefined : { topic, subscription };
}
