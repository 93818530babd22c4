// AWS::Kinesis::Stream → a kinesis-stream node (KIN-2 shards, KIN-12 mode, KIN-10 retention) and
// AWS::KinesisFirehose::DeliveryStream → a firehose node (FH-1 buffering hints, FH-2 a stream as source).

import type { NodeDoc } from './nodes';
import { defined, STREAM, type Props } from './props';

export function mapStream(p: Props): NodeDoc {
	const mode = p.child('StreamModeDetails');
	const StreamMode = mode?.str('StreamMode');
	mode?.finish();
	const node: NodeDoc = {
		id: p.logicalId,
		type: 'kinesis-stream',
		...defined({
			StreamName: p.str('Name'),
			// KIN-12: an ON_DEMAND stream sizes itself; CloudFormation takes no ShardCount for one.
			ShardCount: StreamMode === 'ON_DEMAND' ? (p.skip('ShardCount'), undefined) : p.num('ShardCount'),
			StreamMode,
			RetentionPeriodHours: p.num('RetentionPeriodHours'),
			MaxRecordSizeInKiB: p.num('MaxRecordSizeInKiB')
		})
	};
	p.unsupported('StreamEncryption', 'encryption is not simulated; the stream behaves the same without it');
	p.skip('Tags', 'DesiredShardLevelMetrics');
	p.finish();
	return node;
}

/** The destination configurations a delivery stream may have; all are simulated as an S3-like store. */
const DESTINATIONS = [
	'ExtendedS3DestinationConfiguration',
	'S3DestinationConfiguration',
	'HttpEndpointDestinationConfiguration',
	'RedshiftDestinationConfiguration',
	'ElasticsearchDestinationConfiguration',
	'AmazonopensearchserviceDestinationConfiguration',
	'AmazonOpenSearchServerlessDestinationConfiguration',
	'SplunkDestinationConfiguration',
	'SnowflakeDestinationConfiguration',
	'IcebergDestinationConfiguration'
];
const S3 = new Set(['ExtendedS3DestinationConfiguration', 'S3DestinationConfiguration']);

export function mapFirehose(p: Props): NodeDoc {
	const sourceConfig = p.child('KinesisStreamSourceConfiguration');
	const source = sourceConfig?.target('KinesisStreamARN', [STREAM]);
	sourceConfig?.skip('RoleARN');
	sourceConfig?.finish();
	const type = p.str('DeliveryStreamType');
	if (type !== undefined && type !== 'DirectPut' && type !== 'KinesisStreamAsSource') {
		p.warn('DeliveryStreamType', `${type} sources are not simulated; producers put records directly`);
	}
	let BufferingHints: Record<string, unknown> | undefined;
	let Prefix: string | undefined;
	for (const key of DESTINATIONS) {
		const dest = p.child(key);
		if (!dest) continue;
		if (!S3.has(key)) p.warn(key, 'delivery is simulated to an S3-like store, whatever the destination');
		const hints = dest.child('BufferingHints');
		if (hints)
			BufferingHints = defined({
				SizeInMBs: hints.num('SizeInMBs'),
				IntervalInSeconds: hints.num('IntervalInSeconds')
			});
		hints?.finish();
		Prefix = dest.str('Prefix');
		dest.unsupported(
			'ProcessingConfiguration',
			'the transform function is not imported; the simulated transform passes every record'
		);
		dest.unsupported('DynamicPartitioningConfiguration', 'dynamic partitioning is not simulated');
		dest.unsupported('S3BackupMode', 'source-record backup is not simulated');
		dest.unsupported('S3BackupConfiguration', 'source-record backup is not simulated');
		dest.skip(
			'BucketARN',
			'RoleARN',
			'CompressionFormat',
			'ErrorOutputPrefix',
			'CloudWatchLoggingOptions',
			'EncryptionConfiguration',
			'DataFormatConversionConfiguration',
			'FileExtension',
			'CustomTimeZone',
			'S3Configuration',
			'EndpointConfiguration',
			'RequestConfiguration',
			'RetryOptions'
		);
		dest.finish();
	}
	const node: NodeDoc = {
		id: p.logicalId,
		type: 'firehose',
		...defined({ DeliveryStreamName: p.str('DeliveryStreamName'), source, BufferingHints, Prefix })
	};
	p.unsupported('DeliveryStreamEncryptionConfigurationInput', 'encryption is not simulated');
	p.skip('Tags');
	p.finish();
	return node;
}
