// The `firehose` of the sandbox: createDeliveryStream, describeDeliveryStream, putRecord, putRecordBatch
// and deleteDeliveryStream with AWS SDK v3 shapes and error names, plus the sandbox-only `listObjects` to
// read what landed in the S3-like destination. A Kinesis source is named by its stream ARN.

import { awsError } from '../services/shared';
import { ACCOUNT_ID } from '../services/shared';
import {
	BUFFER_INTERVAL_S,
	BUFFER_SIZE_MIB,
	FirehoseDeliveryStream,
	type S3Object
} from '../services/firehose';
import type { KinesisClient } from './kinesis-client';
import { ApiCalls } from './calls';
import type { Output, SandboxWorld } from './world';
import { blob, bool, CORAL_JSON, int, list, oneOf, req, show, str, struct, type Shape } from './shape';

export interface CreateDeliveryStreamInput {
	DeliveryStreamName: string;
	DeliveryStreamType?: 'DirectPut' | 'KinesisStreamAsSource' | 'MSKAsSource' | 'DatabaseAsSource';
	KinesisStreamSourceConfiguration?: { KinesisStreamARN: string; RoleARN?: string };
	ExtendedS3DestinationConfiguration?: {
		BucketARN: string;
		RoleARN?: string;
		Prefix?: string;
		BufferingHints?: { SizeInMBs?: number; IntervalInSeconds?: number };
	};
	S3DestinationConfiguration?: CreateDeliveryStreamInput['ExtendedS3DestinationConfiguration'];
}

// Input shapes (Firehose API Reference), checked before anything else; see shape.ts for what AWS returns --

const S3_DESTINATION = struct({
	BucketARN: req(str),
	RoleARN: str,
	Prefix: str,
	ErrorOutputPrefix: str,
	BufferingHints: struct({ SizeInMBs: int, IntervalInSeconds: int }),
	CompressionFormat: str
});
const RECORD = struct({ Data: req(blob) });

const SHAPES = {
	createDeliveryStream: struct({
		DeliveryStreamName: req(str),
		DeliveryStreamType: oneOf('DirectPut', 'KinesisStreamAsSource', 'MSKAsSource', 'DatabaseAsSource'),
		KinesisStreamSourceConfiguration: struct({ KinesisStreamARN: req(str), RoleARN: str }),
		ExtendedS3DestinationConfiguration: S3_DESTINATION,
		S3DestinationConfiguration: S3_DESTINATION,
		Tags: list(struct({ Key: req(str), Value: str }))
	}),
	describeDeliveryStream: struct({
		DeliveryStreamName: req(str),
		Limit: int,
		ExclusiveStartDestinationId: str
	}),
	putRecord: struct({ DeliveryStreamName: req(str), Record: req(RECORD) }),
	putRecordBatch: struct({ DeliveryStreamName: req(str), Records: req(list(RECORD)) }),
	deleteDeliveryStream: struct({ DeliveryStreamName: req(str), AllowForceDelete: bool })
} satisfies Record<string, Shape>;

export class FirehoseClient {
	readonly #world: SandboxWorld;
	readonly #api: ApiCalls;
	readonly #kinesis: KinesisClient;
	readonly #streams = new Map<string, FirehoseDeliveryStream>();

	constructor(world: SandboxWorld, kinesis: KinesisClient) {
		this.#world = world;
		this.#api = new ApiCalls(world, 'sandbox:firehose-request-ids', CORAL_JSON);
		this.#kinesis = kinesis;
	}

	#stream(name: string | undefined): FirehoseDeliveryStream {
		const s = typeof name === 'string' ? this.#streams.get(name) : undefined;
		if (!s)
			throw awsError(
				'ResourceNotFoundException',
				`Firehose ${show(name)} under account ${ACCOUNT_ID} not found.`
			);
		return s;
	}

	createDeliveryStream(raw: CreateDeliveryStreamInput): Output<{ DeliveryStreamARN: string }> {
		return this.#api.run(SHAPES.createDeliveryStream, raw, (input) => {
			const name = input.DeliveryStreamName;
			if (typeof name !== 'string' || !/^[a-zA-Z0-9_.-]{1,64}$/.test(name)) {
				throw awsError(
					'ValidationException',
					`1 validation error detected: Value '${String(name)}' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`
				);
			}
			if (this.#streams.has(name))
				throw awsError(
					'ResourceInUseException',
					`Firehose ${name} under accountId ${ACCOUNT_ID} already exists`
				);
			const dest = input.ExtendedS3DestinationConfiguration ?? input.S3DestinationConfiguration;
			if (!dest?.BucketARN)
				throw awsError('InvalidArgumentException', 'An S3 destination with a BucketARN is required.');
			const size = dest.BufferingHints?.SizeInMBs ?? BUFFER_SIZE_MIB.default;
			const interval = dest.BufferingHints?.IntervalInSeconds ?? BUFFER_INTERVAL_S.default;
			if (!Number.isInteger(size) || size < BUFFER_SIZE_MIB.min || size > BUFFER_SIZE_MIB.max)
				throw awsError(
					'InvalidArgumentException',
					`BufferingHints.SizeInMBs must be ${BUFFER_SIZE_MIB.min}–${BUFFER_SIZE_MIB.max}.`
				);
			if (
				!Number.isInteger(interval) ||
				interval < BUFFER_INTERVAL_S.min ||
				interval > BUFFER_INTERVAL_S.max
			) {
				throw awsError(
					'InvalidArgumentException',
					`BufferingHints.IntervalInSeconds must be ${BUFFER_INTERVAL_S.min}–${BUFFER_INTERVAL_S.max}.`
				);
			}
			let sourceStream: string | undefined;
			const type = input.DeliveryStreamType ?? 'DirectPut';
			if (type !== 'DirectPut' && type !== 'KinesisStreamAsSource') {
				throw awsError(
					'InvalidArgumentException',
					`The sandbox simulates DirectPut and KinesisStreamAsSource delivery streams, not ${type}.`
				);
			}
			if (type === 'KinesisStreamAsSource') {
				const arn = input.KinesisStreamSourceConfiguration?.KinesisStreamARN;
				const streamName = arn ? /stream\/(.+)$/.exec(arn)?.[1] : undefined;
				if (!streamName)
					throw awsError(
						'InvalidArgumentException',
						'KinesisStreamSourceConfiguration.KinesisStreamARN is required.'
					);
				sourceStream = this.#kinesis.streamNode(streamName).id;
			}
			const node = new FirehoseDeliveryStream(
				`firehose-${name}`,
				{
					DeliveryStreamName: name,
					SizeInMBs: size,
					IntervalInSeconds: interval,
					Prefix: dest.Prefix ?? '',
					...(sourceStream !== undefined ? { sourceStream } : {})
				},
				this.#world.context
			);
			this.#world.addNode(node);
			this.#streams.set(name, node);
			return { DeliveryStreamARN: node.arn };
		});
	}

	describeDeliveryStream(raw: { DeliveryStreamName: string }): Output<{
		DeliveryStreamDescription: {
			DeliveryStreamName: string;
			DeliveryStreamARN: string;
			DeliveryStreamStatus: 'ACTIVE';
			DeliveryStreamType: string;
			Destinations: {
				DestinationId: string;
				ExtendedS3DestinationDescription: {
					BufferingHints: { SizeInMBs: number; IntervalInSeconds: number };
					Prefix: string;
				};
			}[];
			HasMoreDestinations: boolean;
		};
	}> {
		return this.#api.run(SHAPES.describeDeliveryStream, raw, (input) => {
			const s = this.#stream(input.DeliveryStreamName);
			return {
				DeliveryStreamDescription: {
					DeliveryStreamName: s.config.DeliveryStreamName,
					DeliveryStreamARN: s.arn,
					DeliveryStreamStatus: 'ACTIVE' as const,
					DeliveryStreamType: s.config.sourceStream ? 'KinesisStreamAsSource' : 'DirectPut',
					Destinations: [
						{
							DestinationId: 'destinationId-000000000001',
							ExtendedS3DestinationDescription: {
								BufferingHints: {
									SizeInMBs: s.config.SizeInMBs,
									IntervalInSeconds: s.config.IntervalInSeconds
								},
								Prefix: s.config.Prefix
							}
						}
					],
					HasMoreDestinations: false
				}
			};
		});
	}

	putRecord(raw: {
		DeliveryStreamName: string;
		Record: { Data: Uint8Array | string };
	}): Output<{ RecordId: string; Encrypted: boolean }> {
		return this.#api.run(SHAPES.putRecord, raw, (input) => {
			if (input.Record?.Data === undefined)
				throw awsError(
					'ValidationException',
					"1 validation error detected: Value null at 'record' failed to satisfy constraint: Member must not be null"
				);
			return this.#stream(input.DeliveryStreamName).putRecord(input.Record.Data);
		});
	}

	putRecordBatch(raw: {
		DeliveryStreamName: string;
		Records: { Data: Uint8Array | string }[];
	}): Output<ReturnType<FirehoseDeliveryStream['putRecordBatch']>> {
		return this.#api.run(SHAPES.putRecordBatch, raw, (input) =>
			this.#stream(input.DeliveryStreamName).putRecordBatch(input.Records.map((r) => r.Data))
		);
	}

	deleteDeliveryStream(raw: { DeliveryStreamName: string }): Output<object> {
		return this.#api.run(SHAPES.deleteDeliveryStream, raw, (input) => {
			this.#stream(input.DeliveryStreamName);
			this.#streams.delete(input.DeliveryStreamName);
			return {};
		});
	}

	/** Sandbox only: the objects in the destination bucket (FH-5), oldest first. */
	listObjects(deliveryStreamName: string): readonly Readonly<S3Object>[] {
		return this.#stream(deliveryStreamName).objects();
	}
}
