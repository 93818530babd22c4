// What the browser computes for one run at most. A valid scenario can ask for more than a tab can hold (ten
// thousand messages a millisecond for a minute); the run then stops where it hit the limit, the page says
// which limit and why, and everything computed so far stays usable. The CLI has no such limits.

export interface RunLimits {
	/** Trace events in the whole run. */
	maxEvents: number;
	/** Events waiting in the scheduler at once (timers, deliveries, polls). */
	maxPending: number;
	/** Message instances held at once (in queues, in flight, on their way). */
	maxMessages: number;
	/** Wall-clock time spent computing the run ahead. */
	maxComputeMs: number;
}

export const BROWSER_LIMITS: RunLimits = {
	maxEvents: 6_000_000,
	maxPending: 500_000,
	maxMessages: 100_000,
	maxComputeMs: 180_000
};

export interface RunLoad {
	events: number;
	pending: number;
	messages: number;
	computeMs: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** The limit a run has hit, as a sentence for the page, or undefined while it is within all of them. */
export function limitReached(load: RunLoad, limits: RunLimits, at: string): string | undefined {
	const cli =
		'Shorten the run or lower its rates, or run it with the command line (npm run sim), which has no such limit.';
	if (load.events > limits.maxEvents)
		return `The run stopped at ${at}: it produced ${fmt(load.events)} trace events, more than the ${fmt(limits.maxEvents)} the browser computes for one run. ${cli}`;
	if (load.pending > limits.maxPending)
		return `The run stopped at ${at}: ${fmt(load.pending)} events were waiting at once, more than the browser's limit of ${fmt(limits.maxPending)}. ${cli}`;
	if (load.messages > limits.maxMessages)
		return `The run stopped at ${at}: it held ${fmt(load.messages)} messages at once, more than the browser's limit of ${fmt(limits.maxMessages)}. ${cli}`;
	if (load.computeMs > limits.maxComputeMs)
		return `The run stopped at ${at}: computing it took more than ${Math.round(limits.maxComputeMs / 1000)} s, the browser's limit for one run. ${cli}`;
	return undefined;
}
