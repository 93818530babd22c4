// Publish's input validation (SNS-TOP-4): the message, Subject, MessageStructure=json, the 256 KiB cap on
// body plus attributes, and the message attributes' data types and values.

import { awsError } from '../shared/errors';
import type { SnsAttributes } from './envelope';
import { utf8Length } from '../sqs/message';
import { MAX_MESSAGE_BYTES } from './limits';
import type { PublishInput } from './topic-types';

function invalid(message: string): Error {
	return awsError('InvalidParameterException', `Invalid parameter: ${message}`);
}

/** SNS-TOP-4: Publish's checks on the message itself, in AWS's order; returns the message and its attributes. */
export function validatePublishInput(input: PublishInput): {
	message: string;
	attrs: SnsAttributes | undefined;
} {
	const message = input.Message;
	if (message === undefined || message === null) {
		throw awsError('InvalidParameterException', 'Invalid parameter: Message');
	}
	if (typeof message !== 'string' || message.length === 0) throw invalid('Empty message');
	if (input.Subject !== undefined) {
		if (input.Subject.length === 0 || input.Subject.length > 100 || /[\r\n]/.test(input.Subject)) {
			throw invalid('Subject');
		}
	}
	if (input.MessageStructure !== undefined) {
		if (input.MessageStructure !== 'json') throw invalid('MessageStructure');
		let parsed: unknown;
		try {
			parsed = JSON.parse(message);
		} catch {
			throw invalid('Message Structure - JSON message body failed to parse');
		}
		if (
			!parsed ||
			typeof parsed !== 'object' ||
			typeof (parsed as Record<string, unknown>).default !== 'string'
		) {
			throw invalid('Message Structure - No default entry in JSON message body');
		}
	}
	const attrs = input.MessageAttributes;
	validateMessageAttributes(attrs);
	let size = utf8Length(message);
	for (const [k, v] of Object.entries(attrs ?? {})) {
		size += utf8Length(k) + utf8Length(v.DataType) + utf8Length(v.StringValue ?? '');
		if (v.BinaryValue !== undefined)
			size += typeof v.BinaryValue === 'string' ? atob(v.BinaryValue).length : v.BinaryValue.length;
	}
	if (size > MAX_MESSAGE_BYTES) throw invalid('Message too long');
	return { message, attrs };
}

/** SNS-TOP-4: attribute types and values as Publish validates them. */
export function validateMessageAttributes(attrs: SnsAttributes | undefined): void {
	if (!attrs) return;
	for (const [name, v] of Object.entries(attrs)) {
		const bad = (why: string) =>
			awsError('InvalidParameterValueException', `The message attribute '${name}' ${why}`);
		if (!v || typeof v.DataType !== 'string') throw bad('must contain a non-empty data type');
		const type =
			v.DataType.split('.')[0] === 'String' && v.DataType.startsWith('String.Array')
				? 'String.Array'
				: v.DataType.split('.')[0];
		if (type === 'Binary') {
			if (v.BinaryValue === undefined)
				throw bad('must contain non-empty message attribute value for message attribute type Binary.');
			continue;
		}
		if (type !== 'String' && type !== 'Number' && type !== 'String.Array') {
			throw bad(
				`has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`
			);
		}
		if (v.StringValue === undefined || v.StringValue === '') {
			throw bad(`must contain non-empty message attribute value for message attribute type ${type}.`);
		}
		if (type === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.StringValue.trim())) {
			throw bad(`has an invalid numeric value: ${v.StringValue}.`);
		}
		if (type === 'String.Array') {
			let arr: unknown;
			try {
				arr = JSON.parse(v.StringValue);
			} catch {
				arr = undefined;
			}
			if (!Array.isArray(arr) || arr.some((x) => x !== null && typeof x === 'object')) {
				throw bad(
					'has an invalid String.Array value: it must be a JSON array of strings, numbers, true, false or null.'
				);
			}
		}
	}
}
