// Read-only views of the simulation's nodes for the UI: a summary line per node, computed from the
// models' introspection getters (never from API calls that would change the run).

import type { Simulation } from '$lib/engine';
import { Consumer, LambdaSqsEventSource, Producer, SnsTopic, SqsQueue } from '$lib/models';

export interface NodeView {
	id: string;
	type: string;
	title: string;
	stats: { label: string; value: string | number }[];
}

export function nodeViews(sim: Simulation): NodeView[] {
	const views: NodeView[] = [];
	for (const node of sim.nodes.values()) {
		if (node instanceof SqsQueue) {
			const c = node.counts;
			views.push({
				id: node.id,
				type: node.fifo ? 'SQS FIFO queue' : 'SQS standard queue',
				title: node.config.QueueName,
				stats: [
					{ label: 'delayed', value: c.delayed },
					{ label: 'available', value: c.available },
					{ label: 'in flight', value: c.inFlight },
					...(node.fifo ? [{ label: 'locked groups', value: node.lockedGroups().length }] : [])
				]
			});
		} else if (node instanceof Producer) {
			views.push({
				id: node.id,
				type: 'Producer',
				title: node.id,
				stats: [{ label: 'sent', value: node.sent }]
			});
		} else if (node instanceof Consumer) {
			const busy = node.workers.filter((w) => w.status === 'processing').length;
			views.push({
				id: node.id,
				type: 'Consumer',
				title: node.id,
				stats: [
					{ label: 'workers busy', value: `${busy}/${node.workers.length}` },
					{ label: 'polling', value: node.workers.filter((w) => w.status === 'polling').length }
				]
			});
		} else if (node instanceof SnsTopic) {
			views.push({
				id: node.id,
				type: node.fifo ? 'SNS FIFO topic' : 'SNS topic',
				title: node.config.TopicName,
				stats: [
					{ label: 'subscriptions', value: node.subscriptions().length },
					{ label: 'deliveries in progress', value: node.deliveries().length }
				]
			});
		} else if (node instanceof LambdaSqsEventSource) {
			views.push({
				id: node.id,
				type: 'Lambda (SQS event source)',
				title: node.id,
				stats: [
					{ label: 'pollers', value: node.target },
					{ label: 'running', value: node.active }
				]
			});
		} else views.push({ id: node.id, type: node.type, title: node.id, stats: [] });
	}
	return views;
}
