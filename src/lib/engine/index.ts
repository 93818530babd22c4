// Public surface of the simulation kernel: pure TypeScript, no DOM, Svelte or D3.
export { Scheduler, type ScheduledEntry, type SchedulerSnapshot } from './clock';
export { Random, RandomStreams, hashString32, type RandomState } from './random';
export {
	TraceRecorder,
	MemorySink,
	HashSink,
	JsonlSink,
	hashTrace,
	toJsonl,
	traceLine,
	stableStringify,
	type TraceEvent,
	type TraceInput,
	type TraceType,
	type TraceOf,
	type TraceSink
} from './trace';
export {
	Simulation,
	type SimContext,
	type SimNode,
	type NodeEvent,
	type SimSnapshot,
	type NodeFactory
} from './simulation';
export { Timeline, type Checkpoint, type TimelineOptions } from './timeline';
export { SummarySink, emptySummary, formatSummaryTable, SUMMARY_COLUMNS, type NodeSummary } from './summary';
export { parseDuration, formatDuration, formatClock } from './duration';
export * from './scenario';
