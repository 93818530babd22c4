// Trace checkers: named invariants, each a function over trace events.
export type { Violation, Checker } from './violation';
export {
	checkConservation,
	checkFifoGroups,
	checkDeadLetterTiming,
	checkDuplicateCauses,
	duplicateDeliveries,
	type DuplicateDelivery
} from './sqs';
export { checkSnsDeliveries, type SnsCheckOptions } from './sns';
export { checkShardSequences, checkKeyOrder, kinesisAnomalies, type KinesisAnomalies } from './kinesis';
