// Built-in scenarios shipped with the app: the same files the CLI runs, from /scenarios.
import standardDuplicates from '../../../scenarios/sqs-standard-duplicates.json';
import fifoGroups from '../../../scenarios/sqs-fifo-groups.json';
import poisonDlq from '../../../scenarios/sqs-poison-dlq.json';
import snsFanout from '../../../scenarios/sns-fanout-filters.json';
import snsFlakyHttp from '../../../scenarios/sns-flaky-http.json';
import snsFifo from '../../../scenarios/sns-fifo-topic.json';
import kinesisHotKey from '../../../scenarios/kinesis-hot-key.json';
import kinesisSplit from '../../../scenarios/kinesis-split-under-load.json';
import kinesisBisect from '../../../scenarios/kinesis-lambda-bisect.json';
import firehoseBuffering from '../../../scenarios/firehose-buffering.json';
import visibilityTooShort from '../../../scenarios/sqs-visibility-too-short.json';
import fifoDedup from '../../../scenarios/sqs-fifo-dedup-window.json';
import polling from '../../../scenarios/sqs-short-vs-long-polling.json';
import idempotent from '../../../scenarios/sqs-idempotent-consumer.json';
import kinesisFailover from '../../../scenarios/kinesis-kcl-failover.json';

export const BUILT_IN_SCENARIOS: { id: string; scenario: unknown }[] = [
	{ id: 'standard-duplicates', scenario: standardDuplicates },
	{ id: 'fifo-groups', scenario: fifoGroups },
	{ id: 'poison-dlq', scenario: poisonDlq },
	{ id: 'visibility-too-short', scenario: visibilityTooShort },
	{ id: 'fifo-dedup-window', scenario: fifoDedup },
	{ id: 'short-vs-long-polling', scenario: polling },
	{ id: 'idempotent-consumer', scenario: idempotent },
	{ id: 'sns-fanout-filters', scenario: snsFanout },
	{ id: 'sns-flaky-http', scenario: snsFlakyHttp },
	{ id: 'sns-fifo-topic', scenario: snsFifo },
	{ id: 'kinesis-hot-key', scenario: kinesisHotKey },
	{ id: 'kinesis-split-under-load', scenario: kinesisSplit },
	{ id: 'kinesis-lambda-bisect', scenario: kinesisBisect },
	{ id: 'kinesis-kcl-failover', scenario: kinesisFailover },
	{ id: 'firehose-buffering', scenario: firehoseBuffering }
];

export const DEFAULT_SCENARIO_ID = 'standard-duplicates';
