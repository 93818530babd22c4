// Reading one resource's resolved properties: typed getters that accept CloudFormation's string forms
// ("30", "true"), and a record of which properties were used, so each one left over becomes a warning
// rather than vanishing.

import type { ReferenceIndex } from './attributes';
import { TemplateError } from './errors';

export interface ImportWarning {
	logicalId: string;
	property: string;
	message: string;
}

export class Props {
	readonly #used = new Set<string>();
	constructor(
		readonly logicalId: string,
		readonly values: Record<string, unknown>,
		readonly warnings: ImportWarning[],
		readonly index: ReferenceIndex,
		readonly base = ''
	) {}

	path(key: string): string {
		return this.base === '' ? key : `${this.base}.${key}`;
	}

	fail(key: string, message: string): never {
		throw new TemplateError(message, { logicalId: this.logicalId, property: this.path(key) });
	}

	warn(key: string, message: string): void {
		this.warnings.push({ logicalId: this.logicalId, property: this.path(key), message });
	}

	has(key: string): boolean {
		return this.values[key] !== undefined;
	}

	raw(key: string): unknown {
		this.#used.add(key);
		return this.values[key];
	}

	/** Properties that do not change message flow (tags, code, roles…): used without a warning. */
	skip(...keys: string[]): void {
		for (const k of keys) this.#used.add(k);
	}

	/** A messaging property the simulator does not model: a warning when it is set. */
	unsupported(key: string, why: string): void {
		if (this.raw(key) !== undefined) this.warn(key, why);
	}

	num(key: string): number | undefined {
		const v = this.raw(key);
		if (v === undefined) return undefined;
		const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
		if (!Number.isFinite(n)) this.fail(key, `must be a number, got ${JSON.stringify(v)}`);
		return n;
	}

	bool(key: string): boolean | undefined {
		const v = this.raw(key);
		if (v === undefined) return undefined;
		if (v === true || v === 'true') return true;
		if (v === false || v === 'false') return false;
		return this.fail(key, `must be true or false, got ${JSON.stringify(v)}`);
	}

	str(key: string): string | undefined {
		const v = this.raw(key);
		if (v === undefined) return undefined;
		if (typeof v === 'string') return v;
		if (typeof v === 'number' || typeof v === 'boolean') return String(v);
		return this.fail(key, `must be a string, got ${JSON.stringify(v)}`);
	}

	list(key: string): unknown[] | undefined {
		const v = this.raw(key);
		if (v === undefined) return undefined;
		if (!Array.isArray(v)) return this.fail(key, 'must be a list');
		const list: unknown[] = v;
		return list;
	}

	/** A map, or its JSON text (CloudFormation takes RedrivePolicy, FilterPolicy… either way). */
	json(key: string): Record<string, unknown> | undefined {
		const v = this.raw(key);
		if (v === undefined) return undefined;
		let value: unknown = v;
		if (typeof v === 'string') {
			try {
				value = JSON.parse(v) as unknown;
			} catch (e) {
				this.fail(key, `must be a map or its JSON text: ${(e as Error).message}`);
			}
		}
		if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(key, 'must be a map');
		return value as Record<string, unknown>;
	}

	/** A nested map read with the same rules (its leftovers warn under the nested path). */
	child(key: string): Props | undefined {
		const v = this.json(key);
		return v === undefined
			? undefined
			: new Props(this.logicalId, v, this.warnings, this.index, this.path(key));
	}

	/** Each item of a list of maps, read with the same rules under `key[k]`. */
	items(key: string): Props[] {
		return (this.list(key) ?? []).map((item, k) => {
			const at = `${key}[${k}]`;
			if (typeof item !== 'object' || item === null || Array.isArray(item)) this.fail(at, 'must be a map');
			return new Props(
				this.logicalId,
				item as Record<string, unknown>,
				this.warnings,
				this.index,
				this.path(at)
			);
		});
	}

	/** A string naming a resource of one of `types` (a Ref/GetAtt value, or a hand-written name or ARN). */
	target(key: string, types: readonly string[]): string | undefined {
		const v = this.str(key);
		if (v === undefined) return undefined;
		const t = this.index.find(v, types);
		if (t === undefined) {
			this.warn(key, `'${v}' names no ${types.join(' or ')} of this template; the link is left out`);
			return undefined;
		}
		return t.id;
	}

	/** Warn for each property not read. */
	finish(): void {
		for (const key of Object.keys(this.values)) {
			if (!this.#used.has(key)) this.warn(key, 'is not modelled by the simulator; it is left out');
		}
	}
}

/** Copy the defined values of a record (the scenario leaves a missing property out, not undefined). */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
	return out as Partial<T>;
}

export const QUEUE = 'AWS::SQS::Queue';
export const TOPIC = 'AWS::SNS::Topic';
export const STREAM = 'AWS::Kinesis::Stream';
export const FIREHOSE = 'AWS::KinesisFirehose::DeliveryStream';
export const FUNCTIONS = ['AWS::Lambda::Function', 'AWS::Serverless::Function'] as const;
