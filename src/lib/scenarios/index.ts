// Built-in scenarios shipped with the app: the same files the CLI runs, from /scenarios. Only the default one
// ships with the page; the others are separate chunks fetched when picked (first-load budget, README
// "Performance"). Their names are written here so the picker can list them without loading them; a unit test
// keeps each name equal to its file's `name`.
import standardDuplicates from '../../../scenarios/sqs-standard-duplicates.json';

export interface BuiltInScenario {
	id: string;
	/** The scenario's `name`, shown in the picker. */
	name: string;
	/** The scenario document (unparsed JSON); the default resolves at once, the others load their chunk. */
	load: () => Promise<unknown>;
}

export const DEFAULT_SCENARIO_ID = 'standard-duplicates';
/** The default scenario's document, available synchronously for the first render. */
export const DEFAULT_SCENARIO: unknown = standardDuplicates;

const lazy = (load: () => Promise<{ default: unknown }>) => async () => (await load()).default;

export const BUILT_IN_SCENARIOS: BuiltInScenario[] = [
	{
		id: 'standard-duplicates',
		name: 'Standard queue: at-least-once delivery',
		load: () => Promise.resolve(standardDuplicates)
	},
	{
		id: 'fifo-groups',
		name: 'FIFO queue: one slow message stalls its group',
		load: lazy(() => import('../../../scenarios/sqs-fifo-groups.json'))
	},
	{
		id: 'poison-dlq',
		name: 'Poison message to a dead-letter queue',
		load: lazy(() => import('../../../scenarios/sqs-poison-dlq.json'))
	},
	{
		id: 'visibility-too-short',
		name: 'Visibility timeout shorter than processing',
		load: lazy(() => import('../../../scenarios/sqs-visibility-too-short.json'))
	},
	{
		id: 'fifo-release-reorders',
		name: 'FIFO queue: a released message is served ahead of its in-flight group',
		load: lazy(() => import('../../../scenarios/sqs-fifo-release-reorders.json'))
	},
	{
		id: 'fifo-dedup-window',
		name: 'FIFO deduplication: inside and after the 5-minute window',
		load: lazy(() => import('../../../scenarios/sqs-fifo-dedup-window.json'))
	},
	{
		id: 'short-vs-long-polling',
		name: 'Short polling versus long polling',
		load: lazy(() => import('../../../scenarios/sqs-short-vs-long-polling.json'))
	},
	{
		id: 'idempotent-consumer',
		name: 'Exactly-once processing with an idempotent consumer',
		load: lazy(() => import('../../../scenarios/sqs-idempotent-consumer.json'))
	},
	{
		id: 'sns-fanout-filters',
		name: 'SNS fan-out with filter policies',
		load: lazy(() => import('../../../scenarios/sns-fanout-filters.json'))
	},
	{
		id: 'sns-flaky-http',
		name: 'Flaky HTTP endpoint: backoff, then the dead-letter queue',
		load: lazy(() => import('../../../scenarios/sns-flaky-http.json'))
	},
	{
		id: 'sns-fifo-topic',
		name: 'FIFO topic to two FIFO queues',
		load: lazy(() => import('../../../scenarios/sns-fifo-topic.json'))
	},
	{
		id: 'kinesis-hot-key',
		name: 'Kinesis: one hot partition key throttles one shard',
		load: lazy(() => import('../../../scenarios/kinesis-hot-key.json'))
	},
	{
		id: 'kinesis-split-under-load',
		name: 'Kinesis: splitting a shard under load',
		load: lazy(() => import('../../../scenarios/kinesis-split-under-load.json'))
	},
	{
		id: 'kinesis-lambda-bisect',
		name: 'Lambda on Kinesis: bisecting a poison record',
		load: lazy(() => import('../../../scenarios/kinesis-lambda-bisect.json'))
	},
	{
		id: 'kinesis-kcl-failover',
		name: 'Kinesis consumer failover: replays from the last checkpoint',
		load: lazy(() => import('../../../scenarios/kinesis-kcl-failover.json'))
	},
	{
		id: 'firehose-buffering',
		name: 'Firehose buffering: size or interval, whichever first',
		load: lazy(() => import('../../../scenarios/firehose-buffering.json'))
	}
];

// Documents already fetched, by id, so picking one again (or after the idle-time preload) is synchronous.
const cache = new Map<string, unknown>([[DEFAULT_SCENARIO_ID, DEFAULT_SCENARIO]]);

/** The built-in scenario's document if it has been loaded already. */
export function cachedBuiltIn(id: string): unknown {
	return cache.get(id);
}

/** Load a built-in scenario's document (its chunk), remembering it. */
export async function loadBuiltIn(s: BuiltInScenario): Promise<unknown> {
	const doc = cache.get(s.id) ?? (await s.load());
	cache.set(s.id, doc);
	return doc;
}

/** Fetch every built-in scenario in the background (after the first render), so picks are instant. */
export function preloadBuiltIns(): void {
	for (const s of BUILT_IN_SCENARIOS) loadBuiltIn(s).catch(() => cache.delete(s.id));
}
