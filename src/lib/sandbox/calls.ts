// What every sandbox client does around one API call: read the request as its service would (shape.ts),
// run it in the world (SandboxWorld.call settles what it made due and gives AWS errors `$metadata`), and
// answer with an SDK-shaped output whose request id comes from the client's own seeded stream. A client
// holds one in a private field, so these helpers are not methods of the client itself.

import { parseInput, type Protocol, type Shape } from './shape';
import type { Output, SandboxWorld } from './world';

export class ApiCalls {
	readonly #world: SandboxWorld;
	readonly #requestIds: string;
	readonly #protocol: Protocol;

	/** `requestIds`: the seeded stream request ids are drawn from; `protocol`: how the service reads input. */
	constructor(world: SandboxWorld, requestIds: string, protocol: Protocol) {
		this.#world = world;
		this.#requestIds = requestIds;
		this.#protocol = protocol;
	}

	/** The request AWS would see, or the error it returns (in the protocol's wording). */
	parse<T>(shape: Shape, input: T): T {
		return parseInput(shape, input, this.#protocol);
	}

	/** One API call: `fn` runs, then whatever it made due at this instant happens. */
	call<T>(fn: () => T): T {
		return this.#world.call(fn);
	}

	/** The usual call: the request read as `shape`, `fn` on it, and its output answered with `$metadata`. */
	run<I, O extends object>(shape: Shape, raw: I, fn: (input: I) => O): Output<O> {
		return this.call(() => this.meta(fn(this.parse(shape, raw))));
	}

	/** The output with `$metadata` (a fresh request id). */
	meta<T extends object>(output: T): Output<T> {
		return this.#world.respond(this.#requestIds, output);
	}
}
