// The SQS standard API and send path as real AWS records it: LocalStack's validated tests and their snapshots
// (test_sqs.py, test_sqs.snapshot.json). Each test names the rule(s) it checks and the recording it follows;
// codes and the first line of each message are compared as recorded.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/lib/sandbox';

const MiB = 1_048_576;

function setup(attributes?: Record<string, string>, name = 'orders') {
	const sb = createSandbox({ seed: 7, nondeterminism: 'off' });
	const { QueueUrl } = sb.sqs.createQueue({
		QueueName: name,
		...(attributes ? { Attributes: attributes } : {})
	});
	return { sb, sqs: sb.sqs, url: QueueUrl };
}

function fifoSetup(attributes: Record<string, string> = {}) {
	return setup({ FifoQueue: 'true', ...attributes }, 'orders.fifo');
}

/** The AWS error a call throws: code and the first line of its message. */
function awsErr(fn: () => unknown): { code: string; message: string } {
	try {
		fn();
	} catch (e) {
		const err = e as Error;
		return { code: err.name, message: err.message.split('\n')[0] ?? '' };
	}
	return { code: 'no error', message: '' };
}

function arnOf(sqs: ReturnType<typeof setup>['sqs'], url: string): string {
	return sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
}

describe('SQS-STD-10: size', () => {
	it('SQS-STD-10: new queues default MaximumMessageSize to 1,048,576', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_and_update_queue_attributes
		const { sqs, url } = setup();
		const a = sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes ?? {};
		expect(a.MaximumMessageSize).toBe('1048576');
		expect(a.SqsManagedSseEnabled).toBe('true');
	});

	it('SQS-STD-10: a message one byte over the default limit (body + attribute name, type, value) is rejected', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_oversized_message
		const { sqs, url } = setup();
		const MessageAttributes = { k: { DataType: 'String', StringValue: 'x' } };
		const attrSize = 'k'.length + 'String'.length + 'x'.length;
		expect(
			awsErr(() =>
				sqs.sendMessage({ QueueUrl: url, MessageBody: 'a'.repeat(MiB - attrSize + 1), MessageAttributes })
			)
		).toEqual({
			code: 'InvalidParameterValue',
			message: 'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.'
		});
		expect(
			sqs.sendMessage({ QueueUrl: url, MessageBody: 'a'.repeat(MiB - attrSize), MessageAttributes }).MessageId
		).toBeTruthy();
	});

	it('SQS-STD-10: a lowered MaximumMessageSize applies to the next send', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_message_with_updated_maximum_message_size
		const { sqs, url } = setup();
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { MaximumMessageSize: '1024' } });
		expect(sqs.sendMessage({ QueueUrl: url, MessageBody: 'a'.repeat(1024) }).MessageId).toBeTruthy();
		expect(
			awsErr(() =>
				sqs.sendMessage({
					QueueUrl: url,
					MessageBody: 'a'.repeat(1024 - 8 + 1),
					MessageAttributes: { k: { DataType: 'String', StringValue: 'x' } }
				})
			)
		).toEqual({
			code: 'InvalidParameterValue',
			message: 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.'
		});
	});

	it('SQS-STD-10: MaximumMessageSize is 1,024–1,048,576', () => {
		const { sqs, url } = setup();
		for (const bad of ['1023', '1048577']) {
			expect(
				awsErr(() => sqs.setQueueAttributes({ QueueUrl: url, Attributes: { MaximumMessageSize: bad } })).code
			).toBe('InvalidAttributeValue');
		}
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { MaximumMessageSize: '1024' } });
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { MaximumMessageSize: '1048576' } });
	});

	it('SQS-STD-10: a batch over 1 MiB in total fails as a whole with BatchRequestTooLong', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_message_batch_with_oversized_contents
		const { sqs, url } = setup();
		const MessageAttributes = { k: { DataType: 'String', StringValue: 'x' } };
		expect(
			awsErr(() =>
				sqs.sendMessageBatch({
					QueueUrl: url,
					Entries: [
						{ Id: '1', MessageBody: 'a'.repeat(MiB - 8), MessageAttributes },
						{ Id: '2', MessageBody: 'a' }
					]
				})
			)
		).toEqual({
			code: 'BatchRequestTooLong',
			message: 'Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.'
		});
		expect(
			sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes
				?.ApproximateNumberOfMessages
		).toBe('0');
	});

	it("SQS-STD-10: the batch cap is 1 MiB whatever the queue's MaximumMessageSize", () => {
		// Recorded: LocalStack test_sqs.snapshot.json,
		// test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size
		const { sqs, url } = setup({ MaximumMessageSize: '2048' });
		const out = sqs.sendMessageBatch({
			QueueUrl: url,
			Entries: [
				{
					Id: '1',
					MessageBody: 'a'.repeat(2048 - 8),
					MessageAttributes: { k: { DataType: 'String', StringValue: 'x' } }
				},
				{ Id: '2', MessageBody: 'a' }
			]
		});
		// No entry failed: the Failed member is left out, as recorded.
		expect(out).not.toHaveProperty('Failed');
		expect(out.Successful.map((e) => [e.Id, e.MD5OfMessageBody, e.MD5OfMessageAttributes])).toEqual([
			['1', 'f44facf5a7ee0af446ecf3e0f854441e', 'a45daa70926828a2f0a1db3418e6feb4'],
			['2', '0cc175b9c0f1b6a831c399e269772661', undefined]
		]);
	});

	it("SQS-STD-10: an entry over the queue's limit fails on its own; the others succeed", () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_batch_message_size
		const { sqs, url } = setup({ MaximumMessageSize: '1024' });
		const out = sqs.sendMessageBatch({
			QueueUrl: url,
			Entries: [
				{ Id: 'a4cff0d1-1961-44bd-ae53-c6d5ed71ed08', MessageBody: 'a'.repeat(1024) },
				{ Id: '35b535ed-b76a-4ebd-b749-6eb35cdb55ee', MessageBody: 'a'.repeat(1025) }
			]
		});
		expect(out.Failed).toEqual([
			{
				Id: '35b535ed-b76a-4ebd-b749-6eb35cdb55ee',
				Code: 'InvalidParameterValue',
				Message:
					'One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.',
				SenderFault: true
			}
		]);
		expect(out.Successful).toHaveLength(1);
		expect(out.Successful[0]).toMatchObject({
			Id: 'a4cff0d1-1961-44bd-ae53-c6d5ed71ed08',
			MD5OfMessageBody: 'c9a34cfc85d982698c6ac89f76071abd'
		});
	});
});

describe('SQS-STD-10/-13: content', () => {
	it('SQS-STD-13: an empty body is MissingParameter', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_empty_message
		const { sqs, url } = setup();
		expect(awsErr(() => sqs.sendMessage({ QueueUrl: url, MessageBody: '' }))).toEqual({
			code: 'MissingParameter',
			message: 'The request must contain the parameter MessageBody.'
		});
	});

	it('SQS-STD-10: disallowed body characters are InvalidMessageContents; in a batch only that entry fails', () => {
		// Recorded: LocalStack test_sqs.py test_send_message_with_invalid_payload_characters and
		// test_batch_send_with_invalid_char_should_succeed
		const { sqs, url } = setup();
		expect(
			awsErr(() =>
				sqs.sendMessage({
					QueueUrl: url,
					MessageBody: `Invalid-${String.fromCharCode(0)}-${String.fromCharCode(8)}-${String.fromCharCode(19)}-${String.fromCharCode(65535)}`
				})
			).code
		).toBe('InvalidMessageContents');
		const Entries = [...Array(9).keys()].map((i) => ({ Id: String(i), MessageBody: String(i) }));
		Entries.push({ Id: '9', MessageBody: '\x01' });
		const out = sqs.sendMessageBatch({ QueueUrl: url, Entries });
		expect(out.Failed?.map((f) => [f.Id, f.Code])).toEqual([['9', 'InvalidMessageContents']]);
		expect(out.Successful).toHaveLength(9);
		const bodies = sqs
			.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 })
			.Messages?.map((m) => m.Body)
			.sort();
		expect(bodies).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
	});

	it('SQS-STD-13: an empty String attribute value names its type', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_message_with_empty_string_attribute
		const { sqs, url } = setup();
		expect(
			awsErr(() =>
				sqs.sendMessage({
					QueueUrl: url,
					MessageBody: 'test',
					MessageAttributes: { ErrorDetails: { StringValue: '', DataType: 'String' } }
				})
			)
		).toEqual({
			code: 'InvalidParameterValue',
			message: "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'."
		});
	});

	it('SQS-STD-13: attribute names may hold non-ASCII letters; bad names, types and values are rejected', () => {
		// Recorded: LocalStack test_sqs.py test_send_message_with_invalid_string_attributes and
		// test_invalid_string_attributes_cause_invalid_parameter_value_error
		const { sqs, url } = setup();
		const send = (MessageAttributes: Record<string, { DataType: string; StringValue: string }>) =>
			awsErr(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'test', MessageAttributes }));
		expect(send({ 'attr.1øßä': { StringValue: 'Valida', DataType: 'String' } }).code).toBe('no error');
		const invalid = [
			{
				attr1: {
					StringValue: `Invalid-${String.fromCharCode(8)},${String.fromCharCode(11)}`,
					DataType: 'String'
				}
			},
			...['aWs.', 'AMAZON.', '.'].map((p) => ({
				[`${p}-Invalid-attr`]: { StringValue: 'Valid', DataType: 'String' }
			})),
			...['!', '"', '§', '(', '?'].map((c) => ({
				[`Invalid-${c}-attr`]: { StringValue: 'Valid', DataType: 'String' }
			})),
			{ ['L'.repeat(257)]: { StringValue: 'Valid', DataType: 'String' } },
			{ Attribute_name: { StringValue: 'Valid', DataType: 'Invalid' } },
			{ Attribute_name: { StringValue: 'Valid', DataType: `Number.${'L'.repeat(256)}` } },
			{ 'Invalid.': { StringValue: 'Valid', DataType: 'String' } }
		];
		for (const attrs of invalid) {
			const e = send(attrs);
			expect(e.code).toBe('InvalidParameterValue');
			expect(`${e.code}: ${e.message}`).toMatch(/Invalid/);
		}
	});

	it('SQS-STD-10: at most 10 message attributes', () => {
		const { sqs, url } = setup();
		const attrs = (n: number) =>
			Object.fromEntries(
				[...Array(n).keys()].map((i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }])
			);
		expect(
			awsErr(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'x', MessageAttributes: attrs(10) })).code
		).toBe('no error');
		expect(
			awsErr(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'x', MessageAttributes: attrs(11) })).code
		).toBe('InvalidParameterValue');
	});
});

describe('SQS-STD-13: attributes on receive', () => {
	it('SQS-STD-13: Binary values come back as bytes, with the recorded MD5', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_message_with_binary_attributes
		const { sqs, url } = setup();
		const bytes = new TextEncoder().encode(
			'traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01'
		);
		const sent = sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'test',
			MessageAttributes: { attr1: { BinaryValue: bytes, DataType: 'Binary' } }
		});
		const m = sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ['All'] }).Messages?.[0];
		expect(m?.MessageId).toBe(sent.MessageId);
		expect(m?.MD5OfBody).toBe('098f6bcd4621d373cade4e832627b4f6');
		expect(m?.MD5OfMessageAttributes).toBe('8cbe4db156db8a94db8b801b7addb984');
		expect(sent.MD5OfMessageAttributes).toBe('8cbe4db156db8a94db8b801b7addb984');
		const value = m?.MessageAttributes?.attr1?.BinaryValue;
		expect(value).toBeInstanceOf(Uint8Array);
		expect([...(value as Uint8Array)]).toEqual([...bytes]);
		expect(m?.MessageAttributes?.attr1?.DataType).toBe('Binary');
	});

	it('SQS-STD-13: MessageAttributeNames takes All, *, .*, names and prefixes; the MD5 covers what is returned', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_receive_message_message_attribute_names_filters
		const { sqs, url } = setup({ VisibilityTimeout: '0' });
		const sent = sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'msg',
			MessageAttributes: {
				'Help.Me': { DataType: 'String', StringValue: 'Me' },
				Hello: { DataType: 'String', StringValue: 'There' },
				General: { DataType: 'String', StringValue: 'Kenobi' }
			}
		});
		expect(sent.MD5OfMessageAttributes).toBe('4c360f3fdafd970e05fae2f149d997f5');
		expect(sent.MD5OfMessageBody).toBe('6e2baaf3b97dbeef01c0043275f9a0e7');
		const receive = (names: string[]) => {
			const m = sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: names }).Messages?.[0];
			return [Object.keys(m?.MessageAttributes ?? {}).sort(), m?.MD5OfMessageAttributes];
		};
		const all = [['General', 'Hello', 'Help.Me'], '4c360f3fdafd970e05fae2f149d997f5'];
		expect(receive([])).toEqual([[], undefined]);
		expect(receive(['All'])).toEqual(all);
		expect(receive(['*'])).toEqual(all);
		expect(receive(['.*'])).toEqual(all);
		expect(receive(['Foo', 'Help'])).toEqual([[], undefined]);
		expect(receive(['Hello', 'General'])).toEqual([['General', 'Hello'], 'fca026605781cb4126a1e9044df24232']);
		expect(receive(['Foo', 'Hello'])).toEqual([['Hello'], 'a311262e065454b75da111d535b8dacd']);
		expect(receive(['Hel.*'])).toEqual([['Hello', 'Help.Me'], '83fee93c1bcd8b9a5a923ffacdc636c7']);
		expect(receive(['AWS.'])).toEqual([[], undefined]);
		expect(receive(['..foo'])).toEqual([[], undefined]);
	});

	it('SQS-STD-7/-13: AttributeNames and MessageSystemAttributeNames filter system attributes, and combine', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_receive_message_attribute_names_filters,
		// test_receive_message_message_system_attribute_names_filters,
		// test_message_system_attribute_names_with_attribute_names
		const { sqs, url } = setup({ VisibilityTimeout: '0' });
		sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'msg',
			MessageAttributes: { Foo: { DataType: 'String', StringValue: 'Bar' } }
		});
		const keys = (input: {
			AttributeNames?: string[];
			MessageSystemAttributeNames?: string[];
			MessageAttributeNames?: string[];
		}) => {
			const m = sqs.receiveMessage({ QueueUrl: url, ...input }).Messages?.[0];
			return { attrs: Object.keys(m?.Attributes ?? {}).sort(), md5: m?.MD5OfMessageAttributes, m };
		};
		const everything = [
			'ApproximateFirstReceiveTimestamp',
			'ApproximateReceiveCount',
			'SenderId',
			'SentTimestamp'
		];
		const first = keys({ AttributeNames: ['All'] });
		expect(first.attrs).toEqual(everything);
		expect(first.m?.Attributes?.ApproximateReceiveCount).toBe('1');
		expect(first.md5).toBeUndefined();
		const second = keys({ MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] });
		expect(second.attrs).toEqual(everything);
		expect(second.m?.Attributes?.ApproximateReceiveCount).toBe('2');
		expect(second.md5).toBe('ae7155c6026991b6d54b11589678bf9c');
		expect(keys({ AttributeNames: ['SenderId'] }).attrs).toEqual(['SenderId']);
		expect(keys({ MessageSystemAttributeNames: ['SenderId', 'SequenceNumber'] }).attrs).toEqual(['SenderId']);
		expect(keys({ MessageSystemAttributeNames: ['All'], AttributeNames: ['SenderId'] }).attrs).toEqual(
			everything
		);
	});

	it('SQS-STD-13: AWSTraceHeader is accepted, returned, and SendMessage returns MD5OfMessageSystemAttributes', () => {
		// Recorded: LocalStack test_sqs.py test_system_attributes_have_no_effect_on_attr_md5
		const { sqs, url } = setup();
		const MessageAttributes = { timestamp: { StringValue: '1493147359900', DataType: 'Number' } };
		const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
		const plain = sqs.sendMessage({ QueueUrl: url, MessageBody: 'test', MessageAttributes });
		const withTrace = sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'test',
			MessageAttributes,
			MessageSystemAttributes: { AWSTraceHeader: { StringValue: trace, DataType: 'String' } }
		});
		expect(withTrace.MD5OfMessageAttributes).toBe(plain.MD5OfMessageAttributes);
		expect(plain.MD5OfMessageSystemAttributes).toBeUndefined();
		expect(withTrace.MD5OfMessageSystemAttributes).toBe('5ae4d5d7636402d80f4eb6d213245a88');
		// Recorded: LocalStack test_sqs.snapshot.json, test_aws_trace_header_propagation (asked by name).
		const got = sqs.receiveMessage({
			QueueUrl: url,
			AttributeNames: ['SentTimestamp', 'AWSTraceHeader'],
			MaxNumberOfMessages: 10,
			MessageAttributeNames: ['All']
		}).Messages;
		const traced = got?.find((m) => m.MessageId === withTrace.MessageId);
		const untraced = got?.find((m) => m.MessageId === plain.MessageId);
		expect(Object.keys(traced?.Attributes ?? {}).sort()).toEqual(['AWSTraceHeader', 'SentTimestamp']);
		expect(traced?.Attributes?.AWSTraceHeader).toBe(trace);
		expect(traced?.MD5OfMessageAttributes).toBe('235c5c510d26fb653d073faed50ae77c');
		expect(untraced?.Attributes?.AWSTraceHeader).toBeUndefined();
	});

	it('SQS-STD-13: the FIFO receive attributes as recorded', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_message_attributes
		const { sqs, url } = fifoSetup({
			ContentBasedDeduplication: 'true',
			VisibilityTimeout: '0',
			DeduplicationScope: 'messageGroup',
			FifoThroughputLimit: 'perMessageGroupId'
		});
		const sent = sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'message-body-1',
			MessageGroupId: 'group-1',
			MessageDeduplicationId: 'dedup-1'
		});
		expect(sent.MD5OfMessageBody).toBe('19c9e282d65f9733bc6b35d50062c7ee');
		expect(sent.SequenceNumber).toBeTruthy();
		for (const count of ['1', '2']) {
			const m = sqs.receiveMessage({ QueueUrl: url, AttributeNames: ['All'] }).Messages?.[0];
			expect(Object.keys(m?.Attributes ?? {}).sort()).toEqual([
				'ApproximateFirstReceiveTimestamp',
				'ApproximateReceiveCount',
				'MessageDeduplicationId',
				'MessageGroupId',
				'SenderId',
				'SentTimestamp',
				'SequenceNumber'
			]);
			expect(m?.Attributes).toMatchObject({
				ApproximateReceiveCount: count,
				MessageDeduplicationId: 'dedup-1',
				MessageGroupId: 'group-1',
				SequenceNumber: sent.SequenceNumber
			});
		}
	});
});

describe('SQS-STD-13: queue URLs and attributes', () => {
	it('SQS-STD-13: a bare queue name is accepted where a QueueUrl is expected', () => {
		// Recorded: LocalStack test_sqs.py test_posting_to_queue_via_queue_name
		const { sqs } = setup();
		const out = sqs.sendMessage({ QueueUrl: 'orders', MessageBody: 'Using name instead of URL' });
		expect(out.MD5OfMessageBody).toBe('86a83f96652a1bfad3891e7d523750cb');
		expect(out.$metadata.httpStatusCode).toBe(200);
		expect(sqs.receiveMessage({ QueueUrl: 'orders' }).Messages?.[0]?.Body).toBe('Using name instead of URL');
		expect(awsErr(() => sqs.sendMessage({ QueueUrl: 'nope', MessageBody: 'x' })).code).toBe(
			'QueueDoesNotExist'
		);
	});

	it('SQS-STD-13: Boolean attribute values are case-insensitive', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_change_to_high_throughput_after_creation
		const { sqs, url } = setup(
			{ FifoQueue: 'True', ContentBasedDeduplication: 'False', DeduplicationScope: 'queue' },
			'q.fifo'
		);
		sqs.setQueueAttributes({
			QueueUrl: url,
			Attributes: { DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' }
		});
		const a = sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes;
		expect(a).toMatchObject({
			ContentBasedDeduplication: 'false',
			DeduplicationScope: 'messageGroup',
			FifoQueue: 'true',
			FifoThroughputLimit: 'perMessageGroupId',
			MaximumMessageSize: '1048576',
			SqsManagedSseEnabled: 'true'
		});
		// Same attributes, different case: idempotent.
		expect(
			sqs.createQueue({
				QueueName: 'q.fifo',
				Attributes: { FifoQueue: 'TRUE', ContentBasedDeduplication: 'false' }
			}).QueueUrl
		).toBe(url);
		const cbd = setup({ FifoQueue: 'True', ContentBasedDeduplication: 'True' }, 'cbd.fifo');
		expect(
			cbd.sqs.getQueueAttributes({ QueueUrl: cbd.url, AttributeNames: ['ContentBasedDeduplication'] })
				.Attributes?.ContentBasedDeduplication
		).toBe('true');
	});

	it('SQS-STD-13: FIFO-only attributes on a standard queue, each with its own error', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_standard_queue_with_fifo_attribute_raises_error
		const sb = createSandbox({ seed: 1 });
		const create = (Attributes: Record<string, string>) =>
			awsErr(() => sb.sqs.createQueue({ QueueName: 'queue-1', Attributes }));
		expect(create({ FifoQueue: 'false' })).toEqual({
			code: 'InvalidAttributeName',
			message: 'Unknown Attribute FifoQueue.'
		});
		expect(create({ ContentBasedDeduplication: 'false' })).toEqual({
			code: 'InvalidAttributeName',
			message: 'Unknown Attribute ContentBasedDeduplication.'
		});
		expect(create({ DeduplicationScope: 'queue' })).toEqual({
			code: 'InvalidAttributeName',
			message: 'You can specify the DeduplicationScope only when FifoQueue is set to true.'
		});
		expect(create({ FifoThroughputLimit: 'perQueue' })).toEqual({
			code: 'InvalidAttributeName',
			message: 'You can specify the FifoThroughputLimit only when FifoQueue is set to true.'
		});
	});

	it('SQS-STD-13 / SQS-FIFO-1: the queue type cannot change; FifoQueue=true on a FIFO queue is a no-op', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_set_unsupported_attribute_fifo and
		// test_set_unsupported_attribute_standard
		const std = setup();
		for (const value of ['true', 'false']) {
			expect(
				awsErr(() => std.sqs.setQueueAttributes({ QueueUrl: std.url, Attributes: { FifoQueue: value } }))
			).toEqual({ code: 'InvalidAttributeName', message: 'Unknown Attribute FifoQueue.' });
		}
		const { sqs, url } = fifoSetup();
		expect(
			awsErr(() => sqs.setQueueAttributes({ QueueUrl: url, Attributes: { FifoQueue: 'true' } })).code
		).toBe('no error');
		expect(
			awsErr(() => sqs.setQueueAttributes({ QueueUrl: url, Attributes: { FifoQueue: 'false' } }))
		).toEqual({
			code: 'InvalidAttributeValue',
			message: 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.'
		});
		expect(
			sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['FifoQueue'] }).Attributes?.FifoQueue
		).toBe('true');
	});

	it('SQS-STD-13: changing attributes shows in GetQueueAttributes', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_and_update_queue_attributes
		const { sqs, url } = setup({
			MessageRetentionPeriod: '604800',
			ReceiveMessageWaitTimeSeconds: '10',
			VisibilityTimeout: '20'
		});
		sqs.setQueueAttributes({
			QueueUrl: url,
			Attributes: { MaximumMessageSize: '2048', VisibilityTimeout: '69', DelaySeconds: '420' }
		});
		const a = sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes ?? {};
		expect(Object.keys(a).sort()).toEqual([
			'ApproximateNumberOfMessages',
			'ApproximateNumberOfMessagesDelayed',
			'ApproximateNumberOfMessagesNotVisible',
			'CreatedTimestamp',
			'DelaySeconds',
			'LastModifiedTimestamp',
			'MaximumMessageSize',
			'MessageRetentionPeriod',
			'QueueArn',
			'ReceiveMessageWaitTimeSeconds',
			'SqsManagedSseEnabled',
			'VisibilityTimeout'
		]);
		expect(a).toMatchObject({
			DelaySeconds: '420',
			MaximumMessageSize: '2048',
			MessageRetentionPeriod: '604800',
			ReceiveMessageWaitTimeSeconds: '10',
			VisibilityTimeout: '69'
		});
	});

	it('SQS-STD-13: KMS and SQS-managed encryption attributes as recorded', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_sse_queue_attributes,
		// test_set_queue_attributes_default_values, test_sse_kms_and_sqs_are_mutually_exclusive
		const names = ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled'];
		const kms = setup();
		kms.sqs.setQueueAttributes({
			QueueUrl: kms.url,
			Attributes: {
				KmsMasterKeyId: 'testKeyId',
				KmsDataKeyReusePeriodSeconds: '6000',
				SqsManagedSseEnabled: 'false'
			}
		});
		expect(kms.sqs.getQueueAttributes({ QueueUrl: kms.url, AttributeNames: names }).Attributes).toEqual({
			KmsDataKeyReusePeriodSeconds: '6000',
			KmsMasterKeyId: 'testKeyId',
			SqsManagedSseEnabled: 'false'
		});
		const sse = setup();
		sse.sqs.setQueueAttributes({ QueueUrl: sse.url, Attributes: { SqsManagedSseEnabled: 'true' } });
		expect(sse.sqs.getQueueAttributes({ QueueUrl: sse.url, AttributeNames: names }).Attributes).toEqual({
			SqsManagedSseEnabled: 'true'
		});

		const d = setup();
		d.sqs.setQueueAttributes({
			QueueUrl: d.url,
			Attributes: { KmsMasterKeyId: 'testKeyId', KmsDataKeyReusePeriodSeconds: '6000' }
		});
		expect(d.sqs.getQueueAttributes({ QueueUrl: d.url, AttributeNames: names }).Attributes).toEqual({
			KmsDataKeyReusePeriodSeconds: '6000',
			KmsMasterKeyId: 'testKeyId',
			SqsManagedSseEnabled: 'false'
		});
		d.sqs.setQueueAttributes({
			QueueUrl: d.url,
			Attributes: { KmsMasterKeyId: '', KmsDataKeyReusePeriodSeconds: '300' }
		});
		expect(d.sqs.getQueueAttributes({ QueueUrl: d.url, AttributeNames: names }).Attributes).toEqual({
			SqsManagedSseEnabled: 'false'
		});

		const both = setup();
		expect(
			awsErr(() =>
				both.sqs.setQueueAttributes({
					QueueUrl: both.url,
					Attributes: { KmsMasterKeyId: 'testKeyId', SqsManagedSseEnabled: 'true' }
				})
			)
		).toEqual({
			code: 'InvalidAttributeName',
			message:
				'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.'
		});
	});
});

describe('SQS-FIFO-2/-3/-7: FIFO send validation', () => {
	it('SQS-FIFO-7: a per-message DelaySeconds other than 0 is rejected on FIFO; 0 is accepted', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_queue_send_message_with_delay_seconds_fails;
		// test_sqs.py test_send_message_with_delay_0_works_for_fifo
		const { sqs, url } = fifoSetup({ ContentBasedDeduplication: 'true' });
		expect(
			awsErr(() =>
				sqs.sendMessage({ QueueUrl: url, MessageBody: 'message-1', MessageGroupId: '1', DelaySeconds: 2 })
			)
		).toEqual({
			code: 'InvalidParameterValue',
			message:
				'Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.'
		});
		const sent = sqs.sendMessage({
			QueueUrl: url,
			DelaySeconds: 0,
			MessageBody: 'Hello World!',
			MessageGroupId: 'test',
			MessageDeduplicationId: '42'
		});
		const got = sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0 }).Messages?.[0];
		expect(got?.MD5OfBody).toBe(sent.MD5OfMessageBody);
	});

	it('SQS-FIFO-7: in a batch, a non-zero DelaySeconds fails only that entry; 0 succeeds', () => {
		const { sqs, url } = fifoSetup({ ContentBasedDeduplication: 'true' });
		const out = sqs.sendMessageBatch({
			QueueUrl: url,
			Entries: [
				{ Id: 'a', MessageBody: 'one', MessageGroupId: 'g', DelaySeconds: 0 },
				{ Id: 'b', MessageBody: 'two', MessageGroupId: 'g', DelaySeconds: 5 },
				{ Id: 'c', MessageBody: 'three', MessageGroupId: 'g' }
			]
		});
		expect(out.Successful.map((e) => e.Id)).toEqual(['a', 'c']);
		expect(out.Failed).toEqual([
			{
				Id: 'b',
				Code: 'InvalidParameterValue',
				Message:
					'Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
				SenderFault: true
			}
		]);
	});

	it('SQS-FIFO-2/-3: a missing group or deduplication id on SendMessage, as recorded', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_posting_to_fifo_requires_deduplicationid_group_id
		const { sqs, url } = fifoSetup();
		expect(
			awsErr(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'test', MessageGroupId: 'g' }))
		).toEqual({
			code: 'InvalidParameterValue',
			message:
				'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'
		});
		expect(
			awsErr(() => sqs.sendMessage({ QueueUrl: url, MessageBody: 'test', MessageDeduplicationId: 'd' }))
		).toEqual({
			code: 'MissingParameter',
			message: 'The request must contain the parameter MessageGroupId.'
		});
	});

	it('SQS-FIFO-2/-3: in a batch, an entry without group or deduplication id fails the whole request', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_batch_missing_deduplication_id_for_fifo_queue and
		// test_send_batch_missing_message_group_id_for_fifo_queue
		const { sqs, url } = fifoSetup({ ContentBasedDeduplication: 'false' });
		expect(
			awsErr(() =>
				sqs.sendMessageBatch({
					QueueUrl: url,
					Entries: [
						{
							Id: 'm1',
							MessageBody: 'messageBody',
							MessageGroupId: 'test-group',
							MessageDeduplicationId: 'd1'
						},
						{ Id: 'm2', MessageBody: 'messageBody', MessageGroupId: 'test-group' }
					]
				})
			)
		).toEqual({
			code: 'InvalidParameterValue',
			message:
				'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'
		});
		expect(
			awsErr(() =>
				sqs.sendMessageBatch({
					QueueUrl: url,
					Entries: [
						{
							Id: 'm1',
							MessageBody: 'messageBody',
							MessageGroupId: 'test-group',
							MessageDeduplicationId: 'd1'
						},
						{ Id: 'm2', MessageBody: 'messageBody', MessageDeduplicationId: 'd2' }
					]
				})
			)
		).toEqual({
			code: 'InvalidParameterValue',
			message: 'The request must contain the parameter MessageGroupId.'
		});
		expect(
			sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }).Attributes
				?.ApproximateNumberOfMessages
		).toBe('0');
	});

	it('SQS-FIFO-2/-3 / SQS-STD-12: malformed group and deduplication ids, as recorded', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_message_to_standard_queue_with_invalid_message_group_id
		// and test_message_deduplication_id_invalid
		const std = setup();
		const reason = (p: string) =>
			`for parameter ${p} is invalid. Reason: ${p} can only include alphanumeric and punctuation characters. 1 to 128 in length.`;
		for (const id of ['', 'a'.repeat(129), 'group 123']) {
			expect(
				awsErr(() => std.sqs.sendMessage({ QueueUrl: std.url, MessageBody: 'message', MessageGroupId: id }))
			).toEqual({
				code: 'InvalidParameterValue',
				message: `Value ${id} ${reason('MessageGroupId')}`
			});
		}
		const { sqs, url } = fifoSetup();
		for (const id of ['', 'a'.repeat(129), 'group 123']) {
			expect(
				awsErr(() =>
					sqs.sendMessage({
						QueueUrl: url,
						MessageBody: 'Hello World!',
						MessageGroupId: 'test',
						MessageDeduplicationId: id
					})
				)
			).toEqual({
				code: 'InvalidParameterValue',
				message: `Value ${id} ${reason('MessageDeduplicationId')}`
			});
		}
		// Recorded: LocalStack test_sqs.py test_message_deduplication_id_success
		expect(
			awsErr(() =>
				sqs.sendMessage({
					QueueUrl: url,
					MessageBody: 'Hello World!',
					MessageGroupId: 'test',
					MessageDeduplicationId: 'a'.repeat(128)
				})
			).code
		).toBe('no error');
	});
});

describe('SQS-DLQ-1/-3: the move to a dead-letter queue', () => {
	it('SQS-DLQ-1 / SQS-STD-13: a moved message keeps its MessageId, attributes and AWSTraceHeader', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_dead_letter_queue_message_attributes
		const sb = createSandbox({ seed: 3, nondeterminism: 'off' });
		const sqs = sb.sqs;
		const dlq = sqs.createQueue({ QueueName: 'dl-queue' }).QueueUrl;
		const dlqArn = arnOf(sqs, dlq);
		const url = sqs.createQueue({
			QueueName: 'queue',
			Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) }
		}).QueueUrl;
		const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
		const id1 = sqs.sendMessage({
			QueueUrl: url,
			MessageBody: 'message-1',
			MessageSystemAttributes: { AWSTraceHeader: { StringValue: trace, DataType: 'String' } },
			MessageAttributes: { MyAttribute: { StringValue: 'foobar', DataType: 'String' } }
		}).MessageId;
		const id2 = sqs.sendMessage({ QueueUrl: url, MessageBody: 'message-2' }).MessageId;
		const before = [];
		for (let i = 0; i < 4; i++) {
			before.push(
				...(sqs.receiveMessage({
					QueueUrl: url,
					VisibilityTimeout: 0,
					AttributeNames: ['All'],
					MessageAttributeNames: ['All']
				}).Messages ?? [])
			);
		}
		before.sort((a, b) => (a.Body < b.Body ? -1 : 1));
		expect(before.map((m) => m.Body)).toEqual(['message-1', 'message-2']);
		expect(before[0]?.Attributes?.AWSTraceHeader).toBe(trace);
		expect(before[0]?.MD5OfMessageAttributes).toBe('adb59cd4678ea5a855436b949cd07ab6');
		expect(before[1]?.Attributes?.AWSTraceHeader).toBeUndefined();

		const moved = (
			sqs.receiveMessage({
				QueueUrl: dlq,
				MaxNumberOfMessages: 10,
				AttributeNames: ['All'],
				MessageAttributeNames: ['All']
			}).Messages ?? []
		).sort((a, b) => (a.Body < b.Body ? -1 : 1));
		expect(moved.map((m) => [m.MessageId, m.Body])).toEqual([
			[id1, 'message-1'],
			[id2, 'message-2']
		]);
		expect(moved[0]?.MD5OfBody).toBe('3d6b824fd8c1520e9a047d21fee6fb1f');
		expect(moved[0]?.Attributes?.AWSTraceHeader).toBe(trace);
		expect(moved[0]?.Attributes?.DeadLetterQueueSourceArn).toBe(arnOf(sqs, url));
		expect(moved[0]?.MessageAttributes).toEqual({
			MyAttribute: { StringValue: 'foobar', DataType: 'String' }
		});
		expect(moved[0]?.MD5OfMessageAttributes).toBe('adb59cd4678ea5a855436b949cd07ab6');
		expect(moved[1]?.Attributes?.AWSTraceHeader).toBeUndefined();
		expect(moved[1]?.Attributes?.DeadLetterQueueSourceArn).toBe(arnOf(sqs, url));
	});

	it('SQS-DLQ-1/-3: on FIFO the moved message keeps its MessageId; its dedup id is that MessageId; the source keeps working', () => {
		// Recorded: LocalStack test_sqs.py test_dead_letter_queue_with_fifo_and_content_based_deduplication
		const sb = createSandbox({ seed: 5, nondeterminism: 'off' });
		const sqs = sb.sqs;
		const dlq = sqs.createQueue({
			QueueName: 'test-dlq.fifo',
			Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', MessageRetentionPeriod: '1209600' }
		}).QueueUrl;
		const url = sqs.createQueue({
			QueueName: 'test-queue.fifo',
			Attributes: {
				FifoQueue: 'true',
				ContentBasedDeduplication: 'true',
				VisibilityTimeout: '60',
				RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(sqs, dlq), maxReceiveCount: 2 })
			}
		}).QueueUrl;
		const id1 = sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar', MessageGroupId: '1' }).MessageId;
		for (let i = 0; i < 3; i++) sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0 });
		sb.advanceTime(1000);
		const m1 = sqs.receiveMessage({ QueueUrl: dlq, AttributeNames: ['All'] }).Messages ?? [];
		expect(m1).toHaveLength(1);
		expect(m1[0]?.MessageId).toBe(id1);
		expect(m1[0]?.Body).toBe('foobar');
		expect(m1[0]?.Attributes?.MessageDeduplicationId).toBe(id1);
		const id2 = sqs.sendMessage({ QueueUrl: url, MessageBody: 'foobar2', MessageGroupId: '1' }).MessageId;
		const m2 = sqs.receiveMessage({ QueueUrl: url }).Messages?.[0];
		expect(m2?.MessageId).toBe(id2);
		expect(m2?.Body).toBe('foobar2');
	});
});

describe('SQS-STD-3 / SQS-STD-13: batches, tags, listing', () => {
	it('SQS-STD-3: too many entries, bad entry ids and empty batches, as recorded', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_too_many_entries_in_batch_request, test_invalid_batch_id,
		// test_delete_message_batch_invalid_msg_id, test_delete_message_batch_with_too_large_batch;
		// test_sqs.py test_send_message_batch_with_empty_list
		const { sqs, url } = setup();
		const many = [...Array(20).keys()].map((i) => ({ Id: `message-${i}`, MessageBody: `messageBody-${i}` }));
		const tooMany = {
			code: 'TooManyEntriesInBatchRequest',
			message: 'Maximum number of entries per request are 10. You have sent 20.'
		};
		expect(awsErr(() => sqs.sendMessageBatch({ QueueUrl: url, Entries: many }))).toEqual(tooMany);
		const badId = {
			code: 'InvalidBatchEntryId',
			message:
				'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.'
		};
		expect(
			awsErr(() =>
				sqs.sendMessageBatch({ QueueUrl: url, Entries: [{ Id: 'message:abc', MessageBody: 'x' }] })
			)
		).toEqual(badId);
		for (const Id of ['', 'testLongId'.repeat(10), 'invalid:id']) {
			expect(
				awsErr(() =>
					sqs.deleteMessageBatch({ QueueUrl: url, Entries: [{ Id, ReceiptHandle: 'testHandle1' }] })
				)
			).toEqual(badId);
		}
		expect(
			awsErr(() =>
				sqs.deleteMessageBatch({
					QueueUrl: url,
					Entries: many.map((e) => ({ Id: e.Id, ReceiptHandle: 'h' }))
				})
			)
		).toEqual(tooMany);
		expect(awsErr(() => sqs.sendMessageBatch({ QueueUrl: url, Entries: [] })).code).toBe('EmptyBatchRequest');
		expect(awsErr(() => sqs.deleteMessageBatch({ QueueUrl: url, Entries: [] }))).toEqual({
			code: 'EmptyBatchRequest',
			message: 'There should be at least one DeleteMessageBatchRequestEntry in the request.'
		});
	});

	it('SQS-STD-13: tagging and untagging a queue, as recorded', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_tag_untag_queue
		const { sqs, url } = setup();
		const tags = { tag1: 'value1', tag2: 'value2', tag3: '' };
		sqs.tagQueue({ QueueUrl: url, Tags: tags });
		expect(sqs.listQueueTags({ QueueUrl: url }).Tags).toEqual(tags);
		sqs.untagQueue({ QueueUrl: url, TagKeys: ['tag1', 'tag3'] });
		expect(sqs.listQueueTags({ QueueUrl: url }).Tags).toEqual({ tag2: 'value2' });
		sqs.untagQueue({ QueueUrl: url, TagKeys: ['tag2'] });
		expect(sqs.listQueueTags({ QueueUrl: url }).Tags).toBeUndefined();
	});

	it('SQS-STD-13: ListQueues pages with MaxResults and NextToken; the last page has no token', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_list_queues_pagination
		const sb = createSandbox({ seed: 1 });
		const names = [...Array(10).keys()].map((i) => `p-test-queue-${i}`);
		for (const n of names) sb.sqs.createQueue({ QueueName: n });
		sb.sqs.createQueue({ QueueName: 'other' });
		const all = sb.sqs.listQueues({ QueueNamePrefix: 'p' });
		expect(all.QueueUrls?.map((u) => u.split('/').pop())).toEqual(names);
		expect(all.NextToken).toBeUndefined();
		const first = sb.sqs.listQueues({ MaxResults: 2, QueueNamePrefix: 'p' });
		expect(first.QueueUrls?.map((u) => u.split('/').pop())).toEqual(names.slice(0, 2));
		expect(first.NextToken).toBeTruthy();
		const rest = sb.sqs.listQueues({ MaxResults: 10, NextToken: first.NextToken, QueueNamePrefix: 'p' });
		expect(rest.QueueUrls?.map((u) => u.split('/').pop())).toEqual(names.slice(2));
		expect(rest.NextToken).toBeUndefined();
	});

	it('SQS-STD-13: QueueDoesNotExist and QueueNameExists, as recorded', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_non_existent_queue and
		// test_create_queue_with_different_attributes_raises_exception
		const { sb, sqs, url } = setup({ ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '1' });
		expect(sqs.createQueue({ QueueName: 'orders' }).QueueUrl).toBe(url);
		expect(sqs.createQueue({ QueueName: 'orders', Attributes: { DelaySeconds: '1' } }).QueueUrl).toBe(url);
		const exists = {
			code: 'QueueNameExists',
			message: 'A queue already exists with the same name and a different value for attribute DelaySeconds'
		};
		expect(
			awsErr(() =>
				sqs.createQueue({
					QueueName: 'orders',
					Attributes: { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '2' }
				})
			)
		).toEqual(exists);
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { DelaySeconds: '2' } });
		expect(
			sqs.createQueue({
				QueueName: 'orders',
				Attributes: { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '2' }
			}).QueueUrl
		).toBe(url);
		expect(
			awsErr(() =>
				sqs.createQueue({
					QueueName: 'orders',
					Attributes: { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '1' }
				})
			)
		).toEqual(exists);
		sqs.deleteQueue({ QueueUrl: url });
		const missing = { code: 'QueueDoesNotExist', message: 'The specified queue does not exist.' };
		expect(awsErr(() => sqs.getQueueAttributes({ QueueUrl: url }))).toEqual(missing);
		expect(awsErr(() => sb.sqs.getQueueUrl({ QueueName: 'orders' }))).toEqual(missing);
	});

	it('SQS-DLQ-1 / SQS-STD-13: an empty RedrivePolicy removes it, also addressed by queue name', () => {
		// Recorded: LocalStack test_sqs.py test_set_empty_redrive_policy
		const sb = createSandbox({ seed: 1 });
		const dlq = sb.sqs.createQueue({ QueueName: 'dl-queue' }).QueueUrl;
		const dlqArn = arnOf(sb.sqs, dlq);
		sb.sqs.setQueueAttributes({ QueueUrl: 'dl-queue', Attributes: { RedrivePolicy: '' } });
		expect(
			sb.sqs.getQueueAttributes({ QueueUrl: 'dl-queue', AttributeNames: ['All'] }).Attributes
		).not.toHaveProperty('RedrivePolicy');
		sb.sqs.setQueueAttributes({
			QueueUrl: dlq,
			Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: '42' }) }
		});
		expect(
			sb.sqs.getQueueAttributes({ QueueUrl: dlq, AttributeNames: ['All'] }).Attributes?.RedrivePolicy
		).toContain(dlqArn);
		sb.sqs.setQueueAttributes({ QueueUrl: dlq, Attributes: { RedrivePolicy: '' } });
		expect(
			sb.sqs.getQueueAttributes({ QueueUrl: dlq, AttributeNames: ['All'] }).Attributes
		).not.toHaveProperty('RedrivePolicy');
	});

	it('SQS-STD-3: MaxNumberOfMessages above 10 is rejected, as recorded', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_send_receive_max_number_of_messages
		const { sqs, url } = setup();
		sqs.sendMessage({ QueueUrl: url, MessageBody: 'message' });
		expect(awsErr(() => sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 11 }))).toEqual({
			code: 'InvalidParameterValue',
			message:
				'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.'
		});
	});
});

describe('SQS-DLQ-4: message move task errors, as recorded', () => {
	function dlqPipe() {
		const sb = createSandbox({ seed: 2, nondeterminism: 'off' });
		const sqs = sb.sqs;
		const dlq = sqs.createQueue({ QueueName: 'dlq' }).QueueUrl;
		const dlqArn = arnOf(sqs, dlq);
		const src = sqs.createQueue({
			QueueName: 'src',
			Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) }
		}).QueueUrl;
		return { sb, sqs, dlq, dlqArn, src, srcArn: arnOf(sqs, src) };
	}
	const handle = (taskId: string, sourceArn: string) => btoa(JSON.stringify({ taskId, sourceArn }));

	it('SQS-DLQ-4: cancelling with a malformed handle, an unknown source or an unknown task', () => {
		// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_cancel_with_invalid_task_handle,
		// test_cancel_with_invalid_source_arn_in_task_handle, test_cancel_with_invalid_task_id_in_task_handle
		const { sqs, srcArn } = dlqPipe();
		expect(awsErr(() => sqs.cancelMessageMoveTask({ TaskHandle: 'foobared' }))).toEqual({
			code: 'InvalidParameterValue',
			message: 'Value for parameter TaskHandle is invalid.'
		});
		expect(
			awsErr(() =>
				sqs.cancelMessageMoveTask({
					TaskHandle: handle(
						'10f57157-fc38-4da9-a113-4de7e12d05dd',
						'arn:aws:sqs:us-east-1:878966065785:test-queue-doesnt-exist-123456'
					)
				})
			)
		).toEqual({
			code: 'ResourceNotFoundException',
			message: "The resource that you specified for the SourceArn parameter doesn't exist."
		});
		expect(
			awsErr(() =>
				sqs.cancelMessageMoveTask({ TaskHandle: handle('10f57157-fc38-4da9-a113-4de7e12d05aa', srcArn) })
			)
		).toEqual({ code: 'ResourceNotFoundException', message: 'Task does not exist.' });
	});

	it('SQS-DLQ-4: the source must be a DLQ, the destination must exist, one task at a time', () => {
		// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_source_needs_redrive_policy,
		// test_destination_needs_to_exist, test_start_multiple_move_tasks
		const { sqs, dlq, dlqArn, srcArn } = dlqPipe();
		expect(awsErr(() => sqs.startMessageMoveTask({ SourceArn: srcArn, DestinationArn: dlqArn }))).toEqual({
			code: 'InvalidParameterValue',
			message: 'Source queue must be configured as a Dead Letter Queue.'
		});
		expect(
			awsErr(() => sqs.startMessageMoveTask({ SourceArn: dlqArn, DestinationArn: `${srcArn}doesntexist` }))
		).toEqual({
			code: 'ResourceNotFoundException',
			message: "The resource that you specified for the DestinationArn parameter doesn't exist."
		});
		for (let i = 0; i < 3; i++) sqs.sendMessage({ QueueUrl: dlq, MessageBody: `m${i}` });
		const { TaskHandle } = sqs.startMessageMoveTask({
			SourceArn: dlqArn,
			DestinationArn: srcArn,
			MaxNumberOfMessagesPerSecond: 1
		});
		expect(JSON.parse(atob(TaskHandle))).toMatchObject({ sourceArn: dlqArn });
		expect(awsErr(() => sqs.startMessageMoveTask({ SourceArn: dlqArn, DestinationArn: srcArn }))).toEqual({
			code: 'InvalidParameterValue',
			message:
				'There is already a task running. Only one active task is allowed for a source queue arn at a given time.'
		});
		expect(sqs.cancelMessageMoveTask({ TaskHandle }).ApproximateNumberOfMessagesMoved).toBeGreaterThanOrEqual(
			0
		);
	});

	it('SQS-DLQ-4: a task whose destination was deleted fails with NonExistentQueue', () => {
		// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_move_task_delete_destination_queue_while_running
		const { sb, sqs, dlq, dlqArn } = dlqPipe();
		const dest = sqs.createQueue({ QueueName: 'dest' }).QueueUrl;
		const destArn = arnOf(sqs, dest);
		for (let i = 0; i < 10; i++) sqs.sendMessage({ QueueUrl: dlq, MessageBody: `m${i}` });
		sqs.startMessageMoveTask({ SourceArn: dlqArn, DestinationArn: destArn, MaxNumberOfMessagesPerSecond: 1 });
		sb.advanceTime(2_500);
		sqs.deleteQueue({ QueueUrl: dest });
		sb.advanceTime(5_000);
		const [task] = sqs.listMessageMoveTasks({ SourceArn: dlqArn }).Results;
		expect(task).toMatchObject({
			Status: 'FAILED',
			FailureReason: 'AWS.SimpleQueueService.NonExistentQueue',
			DestinationArn: destArn,
			MaxNumberOfMessagesPerSecond: 1,
			ApproximateNumberOfMessagesToMove: 10,
			SourceArn: dlqArn
		});
		expect(task).not.toHaveProperty('TaskHandle');
	});
});

describe('SQS-STD-13: AddPermission and RemovePermission, as recorded', () => {
	it('SQS-STD-13: permissions become Policy statements; a repeated Label and an unknown Label are rejected', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_sqs_permission_lifecycle
		const { sqs, url } = setup();
		const arn = arnOf(sqs, url);
		const policy = () => {
			const text = sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] }).Attributes?.Policy;
			return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
		};
		const statement = (Sid: string, AWS: string | string[]) => ({
			Sid,
			Effect: 'Allow',
			Principal: { AWS },
			Action: 'SQS:ReceiveMessage',
			Resource: arn
		});
		const own = 'arn:aws:iam::000000000000:root';
		sqs.addPermission({
			QueueUrl: url,
			AWSAccountIds: ['000000000000', '668614515564'],
			Actions: ['ReceiveMessage'],
			Label: 'crossaccountpermission'
		});
		expect(policy()).toEqual({
			Version: '2008-10-17',
			Id: `${arn}/SQSDefaultPolicy`,
			Statement: [statement('crossaccountpermission', [own, 'arn:aws:iam::668614515564:root'])]
		});
		sqs.removePermission({ QueueUrl: url, Label: 'crossaccountpermission' });
		expect(policy()).toBeUndefined();
		const add = (Label: string, account: string) =>
			sqs.addPermission({ QueueUrl: url, AWSAccountIds: [account], Actions: ['ReceiveMessage'], Label });
		add('crossaccountpermission', '000000000000');
		expect(policy()?.Statement).toEqual([statement('crossaccountpermission', own)]);
		expect(awsErr(() => add('crossaccountpermission', '668614515564'))).toEqual({
			code: 'InvalidParameterValue',
			message: 'Value crossaccountpermission for parameter Label is invalid. Reason: Already exists.'
		});
		add('crossaccountpermission2', '000000000000');
		expect(policy()?.Statement).toEqual([
			statement('crossaccountpermission', own),
			statement('crossaccountpermission2', own)
		]);
		sqs.removePermission({ QueueUrl: url, Label: 'crossaccountpermission' });
		expect(policy()?.Statement).toEqual([statement('crossaccountpermission2', own)]);
		sqs.removePermission({ QueueUrl: url, Label: 'crossaccountpermission2' });
		expect(policy()).toBeUndefined();
		expect(awsErr(() => sqs.removePermission({ QueueUrl: url, Label: 'crossaccountpermission2' }))).toEqual({
			code: 'InvalidParameterValue',
			message: "Value crossaccountpermission2 for parameter Label is invalid. Reason: can't find label."
		});
	});
});

describe('SQS-FIFO-1/-3 / SQS-STD-13: FIFO queue attributes, as recorded', () => {
	it('SQS-FIFO-3: ContentBasedDeduplication can be switched off; the FIFO attributes read as recorded', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_set_content_based_deduplication_strategy
		const { sqs, url } = fifoSetup({ SqsManagedSseEnabled: 'true', ContentBasedDeduplication: 'true' });
		const read = () => {
			const a = { ...sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }).Attributes };
			for (const k of Object.keys(a)) if (/^Approximate|Timestamp$/.test(k)) delete a[k];
			return a;
		};
		const expected = {
			ContentBasedDeduplication: 'true',
			DeduplicationScope: 'queue',
			DelaySeconds: '0',
			FifoQueue: 'true',
			FifoThroughputLimit: 'perQueue',
			MaximumMessageSize: '1048576',
			MessageRetentionPeriod: '345600',
			QueueArn: 'arn:aws:sqs:us-east-1:000000000000:orders.fifo',
			ReceiveMessageWaitTimeSeconds: '0',
			SqsManagedSseEnabled: 'true',
			VisibilityTimeout: '30'
		};
		expect(read()).toEqual(expected);
		sqs.setQueueAttributes({ QueueUrl: url, Attributes: { ContentBasedDeduplication: 'false' } });
		expect(read()).toEqual({ ...expected, ContentBasedDeduplication: 'false' });
	});

	it('SQS-FIFO-1: re-creating a FIFO queue is idempotent with equal attributes, QueueNameExists otherwise', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_create_fifo_queue_with_different_attributes_raises_error;
		// test_sqs.py test_create_fifo_queue_with_same_attributes_is_idempotent
		const { sqs, url } = fifoSetup({ ContentBasedDeduplication: 'true' });
		expect(sqs.createQueue({ QueueName: 'orders.fifo', Attributes: { FifoQueue: 'true' } }).QueueUrl).toBe(
			url
		);
		expect(
			awsErr(() =>
				sqs.createQueue({
					QueueName: 'orders.fifo',
					Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' }
				})
			)
		).toEqual({
			code: 'QueueNameExists',
			message:
				'A queue already exists with the same name and a different value for attribute ContentBasedDeduplication'
		});
	});

	it('SQS-STD-13: SetQueueAttributes of FIFO-only attributes on a standard queue fails like CreateQueue', () => {
		const { sqs, url } = setup();
		expect(
			awsErr(() =>
				sqs.setQueueAttributes({ QueueUrl: url, Attributes: { DeduplicationScope: 'messageGroup' } })
			)
		).toEqual({
			code: 'InvalidAttributeName',
			message: 'You can specify the DeduplicationScope only when FifoQueue is set to true.'
		});
		expect(
			awsErr(() =>
				sqs.setQueueAttributes({ QueueUrl: url, Attributes: { ContentBasedDeduplication: 'true' } })
			)
		).toEqual({ code: 'InvalidAttributeName', message: 'Unknown Attribute ContentBasedDeduplication.' });
	});
});
