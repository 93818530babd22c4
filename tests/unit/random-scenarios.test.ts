// Random scenarios over every model (tests/property): producers, SQS standard and FIFO queues with DLQs and
// move tasks, SNS topics with filtered subscriptions, Kinesis with KCL and Lambda readers, Firehose and
// Lambda on SQS. Each runs to the end with every checker on, twice and from a mid-run checkpoint for
// determinism. PROPERTY_RUNS=n overrides the run count; a failure prints fast-check's seed and path and the
// shrunk scenario JSON.
import { describe, expect, it } from 'vitest';
import { checkRandomScenarios, formatFailure } from '../property/run';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 30);
const SEED = 20_251_201;

describe('random scenarios over every model', () => {
	it('SQS-STD-1/SQS-FIFO-5/SQS-DLQ-1/SNS-TOP-1/SNS-FP-1/KIN-3/KIN-11/FH-1: every checker stays quiet and runs are deterministic', () => {
		const report = checkRandomScenarios({ runs: RUNS, seed: SEED, maxFailures: 1 });
		expect(report.failures.map(formatFailure).join('\n\n')).toBe('');
		expect(report.runs).toBe(RUNS);
	});
});
