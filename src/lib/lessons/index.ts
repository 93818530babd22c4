// Guided lessons and "Your turn" challenges. A lesson is a scenario, a short narrative in steps, checkpoints
// the run plays to (a question is asked there, before the phenomenon happens), a reveal that plays the
// phenomenon with a caption, a one-line takeaway, and a check over the trace that the phenomenon really
// happens and when it first does (run headless by the tests). Lessons live in one file per topic.

import { SQS_LESSONS } from './sqs';
import { STREAM_LESSONS } from './streams';
import type { Lesson } from './types';

export * from './types';
export { CHALLENGES } from './challenges';

const byId = new Map([...SQS_LESSONS, ...STREAM_LESSONS].map((l) => [l.id, l]));
const ORDER = [
	'duplicates',
	'visibility',
	'poison',
	'fifo-hol',
	'fifo-release',
	'fifo-dedup',
	'polling',
	'sns-filters',
	'sns-retries',
	'hot-key',
	'resharding',
	'bisect',
	'idempotent'
];

export const LESSONS: Lesson[] = ORDER.map((id) => byId.get(id) as Lesson);
