// Publish's input validation (SNS-TOP-4): the message, Subject, MessageStructure=json, the 256 KiB cap on
// body plus attributes, and the message attributes' data types and values.

import { awsError } from '../shared/errors';
import { binaryValueBytes, type SnsAttributes } from './envelope';
import { utf8Length } from '../sqs/message';
import { MAX_ATTRIBUTE_NAME_BYTES, MAX_MESSAGE_BYTES } from './limits';
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
	if (publishSize(message, attrs) > MAX_MESSAGE_BYTES) throw invalid('Message too long');
	return { message, attrs };
}

/**
 * SNS-TOP-4: the size a message counts against the 256 KiB cap: the body plus each attribute's name, type
 * and value in bytes (LocalStack test_sns.snapshot.json, test_publish_too_long_message).
 */
export function publishSize(message: string, attrs: SnsAttributes | undefined): number {
	let size = utf8Length(message);
	for (const k in attrs) {
		const v = attrs[k] as SnsAttributes[string];
		size += utf8Length(k) + utf8Length(typeof v.DataType === 'string' ? v.DataType : '');
		size += utf8Length(v.StringValue ?? '');
		if (v.BinaryValue !== undefined) size += binaryValueBytes(v.BinaryValue).length;
	}
	return size;
}

const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]*$/;

/** SNS-API-1: a message attribute name, as Publish validates it (the recorded texts). */
function checkAttributeName(name: string): void {
	const bad = (message: string) => awsError('InvalidParameterValueException', message);
	if (utf8Length(name) > MAX_ATTRIBUTE_NAME_BYTES) {
		throw bad('Length of message attribute name must be less than 256 bytes.');
	}
	// One test for the whole name; only a name that fails it is read character by character.
	if (!ATTRIBUTE_NAME.test(name))
		for (const ch of name) {
			if (!/[A-Za-z0-9_.-]/.test(ch)) {
				const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase();
				throw bad(
					`Invalid non-alphanumeric character '#x${hex}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`
				);
			}
		}
	if (name.startsWith('.'))
		throw bad("Invalid message attribute name starting with character '.' was found.");
	if (name.endsWith('.')) throw bad("Invalid message attribute name ending with character '.' was found.");
	if (name.includes('..')) throw bad("Message attribute name can not have successive '.' character.");
}

/** The base type of a DataType: String, Number or Binary, optionally with a non-empty custom suffix. */
function baseType(dataType: string): 'String' | 'Number' | 'Binary' | undefined {
	const dot = dataType.indexOf('.');
	const base = dot < 0 ? dataType : dataType.slice(0, dot);
	if (dot >= 0 && dataType.length === dot + 1) return undefined; // "String." has no suffix
	return base === 'String' || base === 'Number' || base === 'Binary' ? base : undefined;
}

/**
 * SNS-TOP-4 / SNS-API-1: attribute names, types and values as Publish validates them (LocalStack
 * test_sns.snapshot.json, test_empty_or_wrong_message_attributes and test_message_attributes_prefixes).
 */
export function validateMessageAttributes(attrs: SnsAttributes | undefined): void {
	if (!attrs) return;
	for (const name in attrs) {
		const v = attrs[name];
		checkAttributeName(name);
		const bad = (why: string) =>
			awsError('InvalidParameterValueException', `The message attribute '${name}' ${why}`);
		if (!v || typeof v.DataType !== 'string') throw bad('must contain a non-empty data type');
		const base = baseType(v.DataType);
		if (base === undefined) {
			throw bad(
				'has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.'
			);
		}
		if (base === 'Binary') {
			if (v.BinaryValue === undefined && v.StringValue !== undefined) {
				throw bad(`with type 'Binary' must use field 'Binary'.`);
			}
			if (v.BinaryValue === undefined || binaryValueBytes(v.BinaryValue).length === 0) {
				throw bad(`must contain non-empty message attribute value for message attribute type 'Binary'.`);
			}
			continue;
		}
		if (v.StringValue === undefined && v.BinaryValue !== undefined) {
			throw bad(`with type '${base}' must use field 'String'.`);
		}
		if (v.StringValue === undefined || v.StringValue === '') {
			throw bad(`must contain non-empty message attribute value for message attribute type '${base}'.`);
		}
		if (base === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.StringValue.trim())) {
			throw bad(`has an invalid numeric value: ${v.StringValue}.`);
		}
		if (v.DataType.startsWith('String.Array')) {
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
