// Shared by the importer's tests: a template from resources, an import that must fail, and a short run.
import { expect } from 'vitest';
import { importTemplate, TemplateError, type ImportResult } from '$lib/cfn';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { createSimulation, loadScenario } from '$lib/services';

/** JSON template text from its sections. */
export function template(resources: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
	return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', ...extra, Resources: resources });
}

/** The TemplateError an import throws (fails the test when it does not throw one). */
export function importError(text: string, options?: Parameters<typeof importTemplate>[1]): TemplateError {
	try {
		importTemplate(text, options);
	} catch (e) {
		expect(e).toBeInstanceOf(TemplateError);
		return e as TemplateError;
	}
	throw new Error('expected a TemplateError');
}

/** The node of that id in an import's scenario. */
export function node(result: ImportResult, id: string): Record<string, unknown> {
	const n = result.scenario.nodes.find((x) => x.id === id);
	expect(n, `node ${id}`).toBeDefined();
	return n as Record<string, unknown>;
}

/** Load the imported scenario and run it for `ms` of simulated time; the trace events. */
export function run(result: ImportResult, ms = 5000): TraceEvent[] {
	const mem = new MemorySink();
	const sim = createSimulation(loadScenario(result.scenario), { sinks: [mem] });
	sim.runUntil(ms);
	return mem.events as TraceEvent[];
}
