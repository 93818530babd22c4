// FH-1: a delivery stream's buffer machine, through its pure API and through the stream that steps it.
import { describe, expect, it } from 'vitest';
import { bufferLifecycle } from '$lib/services/firehose';
import { createSandbox } from '$lib/sandbox';
import { nodesOf } from '$lib/services';

describe('Firehose buffer lifecycle (FH-1)', () => {
	it('FH-1: the first record starts the interval; a full buffer flushes at once; the interval flushes the rest', () => {
		expect(bufferLifecycle.step('empty', 'RECORD')).toEqual(['buffering', ['armInterval']]);
		expect(bufferLifecycle.step('empty', 'RECORD', { sizeReached: true })).toEqual([
			'empty',
			['armInterval', 'flushForSize']
		]);
		expect(bufferLifecycle.step('buffering', 'RECORD')).toEqual(['buffering', []]);
		expect(bufferLifecycle.step('buffering', 'RECORD', { sizeReached: () => true })).toEqual([
			'empty',
			['flushForSize']
		]);
		expect(bufferLifecycle.step('buffering', 'INTERVAL')).toEqual(['empty', ['flushForInterval']]);
		// A stale interval on an empty buffer flushes nothing.
		expect(bufferLifecycle.step('empty', 'INTERVAL')).toEqual(['empty', []]);
		expect(bufferLifecycle.guards).toEqual(['sizeReached']);
	});

	it('FH-1: through the sandbox, the stream is buffering after a put and empty after its interval', () => {
		const sb = createSandbox({ seed: 2 });
		sb.firehose.createDeliveryStream({
			DeliveryStreamName: 'logs',
			ExtendedS3DestinationConfiguration: {
				BucketARN: 'arn:aws:s3:::bucket',
				BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 }
			}
		});
		const [node] = nodesOf(sb.world.simulation.nodes.values(), 'firehose');
		expect(node?.bufferState).toBe('empty');
		sb.firehose.putRecord({ DeliveryStreamName: 'logs', Record: { Data: 'one' } });
		expect(node?.bufferState).toBe('buffering');
		sb.advanceTime(60_000);
		expect(node?.bufferState).toBe('empty');
		expect(sb.firehose.listObjects('logs')).toHaveLength(1);
	});
});
