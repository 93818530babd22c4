// Firehose through the sandbox facade (FH-* rules of SEMANTICS.md).
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';

function setup(size = 1, interval = 60) {
	const sb = createSandbox({ seed: 2 });
	sb.firehose.createDeliveryStream({
		DeliveryStreamName: 'logs',
		ExtendedS3DestinationConfiguration: {
			BucketARN: 'arn:aws:s3:::logs-bucket',
			BufferingHints: { SizeInMBs: size, IntervalInSeconds: interval }
		}
	});
	return { sb, fh: sb.firehose };
}

describe('FH-1 buffering', () => {
	it('FH-1: a flush happens when the interval ends, if the size is not reached first', () => {
		const { sb, fh } = setup(1, 60);
		fh.putRecord({ DeliveryStreamName: 'logs', Record: { Data: 'a\n' } });
		sb.advanceTime(59_999);
		expect(fh.listObjects('logs')).toHaveLength(0);
		sb.advanceTime(1);
		expect(fh.listObjects('logs')).toHaveLength(1);
		expect(sb.trace().find((e) => e.type === 'firehose-flushed')?.cause).toBe('interval');
	});

	it('FH-1: a flush happens as soon as the size hint is reached, before the interval', () => {
		const { sb, fh } = setup(1, 900);
		const chunk = new Uint8Array(300 * 1024).fill(65);
		for (let i = 0; i < 3; i++) fh.putRecord({ DeliveryStreamName: 'logs', Record: { Data: chunk } });
		expect(fh.listObjects('logs')).toHaveLength(0);
		fh.putRecord({ DeliveryStreamName: 'logs', Record: { Data: chunk } });
		expect(fh.listObjects('logs')).toHaveLength(1);
		expect(sb.trace().find((e) => e.type === 'firehose-flushed')?.cause).toBe('size');
	});
});

describe('FH-2/FH-5 records and objects', () => {
	it('FH-2: records are concatenated with no delimiter; FH-5: keys get a UTC YYYY/MM/DD/HH/ prefix', () => {
		const { sb, fh } = setup(1, 1);
		const out = fh.putRecordBatch({
			DeliveryStreamName: 'logs',
			Records: [{ Data: 'one' }, { Data: 'two' }, { Data: 'three' }]
		});
		expect(out.FailedPutCount).toBe(0);
		expect(out.RequestResponses).toHaveLength(3);
		sb.advanceTime(1000);
		const [obj] = fh.listObjects('logs');
		expect(obj?.Body).toBe('onetwothree');
		expect(obj?.Key).toMatch(/^2026\/01\/01\/00\/logs-1-/);
	});

	it('FH-2: limits and errors', () => {
		const { fh } = setup();
		expect(() => fh.putRecord({ DeliveryStreamName: 'nope', Record: { Data: 'x' } })).toThrow(
			expect.objectContaining({ name: 'ResourceNotFoundException' })
		);
		expect(() =>
			fh.putRecordBatch({
				DeliveryStreamName: 'logs',
				Records: Array.from({ length: 501 }, () => ({ Data: 'x' }))
			})
		).toThrow(expect.objectContaining({ name: 'ValidationException' }));
		expect(() =>
			fh.putRecord({ DeliveryStreamName: 'logs', Record: { Data: new Uint8Array(1000 * 1024 + 1) } })
		).toThrow(expect.objectContaining({ name: 'ValidationException' }));
	});

	it('FH-2: a Kinesis stream can be the source', () => {
		const sb = createSandbox({ seed: 3 });
		sb.kinesis.createStream({ StreamName: 'clicks', ShardCount: 2 });
		sb.advanceTime(500); // KIN-15: the stream is CREATING for 500 ms
		sb.firehose.createDeliveryStream({
			DeliveryStreamName: 'archive',
			DeliveryStreamType: 'KinesisStreamAsSource',
			KinesisStreamSourceConfiguration: {
				KinesisStreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks'
			},
			ExtendedS3DestinationConfiguration: {
				BucketARN: 'arn:aws:s3:::b',
				BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 10 }
			}
		});
		for (let i = 0; i < 10; i++)
			sb.kinesis.putRecord({ StreamName: 'clicks', PartitionKey: `k${i}`, Data: `${i};` });
		sb.advanceTime(12_000);
		const body = sb.firehose
			.listObjects('archive')
			.map((o) => o.Body)
			.join('');
		expect(body.split(';').filter(Boolean).sort()).toEqual([
			'0',
			'1',
			'2',
			'3',
			'4',
			'5',
			'6',
			'7',
			'8',
			'9'
		]);
		expect(() => sb.firehose.putRecord({ DeliveryStreamName: 'archive', Record: { Data: 'x' } })).toThrow(
			expect.objectContaining({ name: 'InvalidArgumentException' })
		);
	});
});
