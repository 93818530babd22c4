// Pieces shared by the node schemas: ids and references, the fields every node has, time windows, operator
// action times, message attributes and inline JSON. Internal to the schema: `schema.ts` re-exports none of it.

import * as v from 'valibot';
import { nestsDeeperThan } from '../../json-depth';
import { intIn, MAX_JSON_DEPTH, numIn } from './common';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/;

const NodeId = v.pipe(
	v.string('must be a string'),
	v.regex(ID_PATTERN, 'must be 1–80 characters: letters, digits, _ . : - (starting with a letter or digit)')
);

export const Ref = v.pipe(v.string('must be a node id'), v.minLength(1, 'must be a node id'));

/** A finite number: JSON's 1e400 parses to Infinity, and a caller in JavaScript can pass NaN. */
const Finite = v.pipe(v.number('must be a finite number'), v.finite('must be a finite number'));

/** Where the editor placed the node on the stage. */
const Position = v.object({ x: Finite, y: Finite });

/**
 * A window of simulated time, from fromMs up to (not including) toMs; an inverted one (toMs before fromMs)
 * is reported at toMs. An empty window (toMs = fromMs) is allowed: it covers no time.
 */
export const WINDOW_FROM_TO = {
	fromMs: intIn(0, 1_000_000_000, 'ms'),
	toMs: intIn(0, 1_000_000_000, 'ms')
};
export const windowMessage = (issue: { input: { fromMs: number } }) =>
	`must be at least fromMs (${issue.input.fromMs} ms)`;

/** When an operator action fires: simulated ms from the start of the run. */
export const AT_MS = intIn(0, 1_000_000_000, 'ms');

/** An operator action's processing-time multiplier: 1 restores, 0.1 is ten times faster, 100 a hundred times slower. */
export const FACTOR = numIn(0.1, 100, 'times');

export const common = {
	id: NodeId,
	label: v.optional(v.pipe(v.string(), v.maxLength(120, 'must be at most 120 characters'))),
	position: v.optional(Position)
};

// Shared by queues and producers ---------------------------------------------------------------------

export const AttributeValueSchema = v.object({
	DataType: v.pipe(
		v.string(),
		v.regex(
			/^(String|Number|Binary|String\.Array)(\.[A-Za-z0-9_.-]+)?$/,
			'must be String, Number, Binary or String.Array'
		)
	),
	StringValue: v.optional(v.string()),
	BinaryValue: v.optional(v.string())
});

// Shared by topics, subscriptions and Lambda filters -------------------------------------------------

/** A JSON object given inline: its nesting is bounded, so turning it back into text cannot overflow. */
const JsonObject = v.pipe(
	v.record(v.string(), v.unknown()),
	v.check((o) => !nestsDeeperThan(o, MAX_JSON_DEPTH), `must be nested at most ${MAX_JSON_DEPTH} levels deep`)
);

export const JsonText = v.union([v.string(), JsonObject], 'must be a JSON object or its text');
