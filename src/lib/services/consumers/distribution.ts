// Sampling a processing-time distribution from a seeded stream.
import type { Random } from '../../engine/random';
import type { DurationDistribution } from '../../engine/scenario';

export function sampleDurationMs(d: DurationDistribution, rng: Random): number {
	switch (d.type) {
		case 'fixed':
			return d.ms;
		case 'uniform':
			return Math.round(rng.between(d.minMs, d.maxMs));
		case 'exponential':
			return Math.round(rng.exponential(d.meanMs));
	}
}
