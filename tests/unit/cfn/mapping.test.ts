// Each resource type's mapping to scenario nodes, and what the importer ignores or warns about.
import { describe, expect, it } from 'vitest';
import { importTemplate } from '$lib/cfn';
import { loadScenario } from '$lib/services';
import { importError, node, template } from './helpers';

const queue = (props: Record<string, unknown> = {}) => ({ Type: 'AWS::SQS::Queue', Properties: props });
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

describe('AWS::SQS::Queue', () => {
	it('carries every attribute the queue model has', () => {
		const r = importTemplate(
			template({
				Dlq: queue({ FifoQueue: true }),
				Q: queue({
					QueueName: 'orders.fifo',
					FifoQueue: 'true',
					VisibilityTimeout: '45',
					MessageRetentionPeriod: 3600,
					DelaySeconds: 0,
					MaximumMessageSize: 2048,
					ReceiveMessageWaitTimeSeconds: 20,
					ContentBasedDeduplication: true,
					DeduplicationScope: 'messageGroup',
					FifoThroughputLimit: 'perMessageGroupId',
					RedrivePolicy: { deadLetterTargetArn: arnOf('Dlq'), maxReceiveCount: '4' }
				}),
				Redriven: queue({
					FifoQueue: true,
					RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [arnOf('Q')] }
				})
			})
		);
		expect(node(r, 'Q')).toEqual({
			id: 'Q',
			type: 'sqs-queue',
			// The stage shows the logical id, not the queue's name (#17: nodes keep the logical ids).
			label: 'Q',
			QueueName: 'orders.fifo',
			FifoQueue: true,
			VisibilityTimeout: 45,
			MessageRetentionPeriod: 3600,
			DelaySeconds: 0,
			MaximumMessageSize: 2048,
			ReceiveMessageWaitTimeSeconds: 20,
			ContentBasedDeduplication: true,
			DeduplicationScope: 'messageGroup',
			FifoThroughputLimit: 'perMessageGroupId',
			RedrivePolicy: { deadLetterTargetArn: 'Dlq', maxReceiveCount: 4 }
		});
		// A FIFO queue without a QueueName is named after its logical id, with the .fifo suffix.
		expect(node(r, 'Dlq')).toMatchObject({ QueueName: 'Dlq.fifo', FifoQueue: true });
		expect(node(r, 'Redriven')['RedriveAllowPolicy']).toEqual({
			redrivePermission: 'byQueue',
			sourceQueueArns: ['Q']
		});
		expect(r.warnings).toEqual([]);
	});

	it('a RedrivePolicy given as JSON text, as CloudFormation allows', () => {
		const r = importTemplate(
			template({
				Dlq: queue(),
				Q: queue({ RedrivePolicy: { 'Fn::Sub': '{"deadLetterTargetArn":"${Dlq.Arn}","maxReceiveCount":2}' } })
			})
		);
		expect(node(r, 'Q')['RedrivePolicy']).toEqual({ deadLetterTargetArn: 'Dlq', maxReceiveCount: 2 });
	});

	it('warns for encryption and for any property it does not map', () => {
		const r = importTemplate(
			template({ Q: queue({ KmsMasterKeyId: 'alias/aws/sqs', Tags: [], Frobnicate: 1 }) })
		);
		expect(r.warnings.map((w) => [w.logicalId, w.property])).toEqual([
			['Q', 'KmsMasterKeyId'],
			['Q', 'Frobnicate']
		]);
	});

	it('a property of the wrong kind, or out of the engine range, is an error naming it', () => {
		const bad = importError(template({ Q: queue({ VisibilityTimeout: 'soon' }) }));
		expect([bad.logicalId, bad.property]).toEqual(['Q', 'VisibilityTimeout']);
		const range = importError(template({ Q: queue({ VisibilityTimeout: 50000 }) }));
		expect([range.logicalId, range.property]).toEqual(['Q', 'VisibilityTimeout']);
		expect(range.message).toMatch(/0–43200 seconds/);
	});

	it('a dead-letter ARN of no queue in the template is a warning, and the policy is left out', () => {
		const r = importTemplate(
			template({
				Q: queue({
					RedrivePolicy: {
						deadLetterTargetArn: 'arn:aws:sqs:us-east-1:111111111111:elsewhere',
						maxReceiveCount: 3
					}
				})
			})
		);
		expect(node(r, 'Q')).not.toHaveProperty('RedrivePolicy');
		expect(r.warnings[0]).toMatchObject({ logicalId: 'Q', property: 'RedrivePolicy.deadLetterTargetArn' });
	});
});

describe('AWS::SNS::Topic and AWS::SNS::Subscription', () => {
	it('inline subscriptions and subscription resources with every attribute', () => {
		const r = importTemplate(
			template({
				T: {
					Type: 'AWS::SNS::Topic',
					Properties: {
						DisplayName: 'Orders',
						DeliveryPolicy: {
							http: { defaultHealthyRetryPolicy: { numRetries: 3, minDelayTarget: 1, maxDelayTarget: 20 } }
						},
						Subscription: [{ Protocol: 'SQS', Endpoint: arnOf('A') }]
					}
				},
				A: queue(),
				B: queue(),
				Dlq: queue(),
				Sub: {
					Type: 'AWS::SNS::Subscription',
					Properties: {
						TopicArn: { Ref: 'T' },
						Protocol: 'sqs',
						Endpoint: arnOf('B'),
						FilterPolicy: '{"kind": ["big"]}',
						FilterPolicyScope: 'MessageAttributes',
						RawMessageDelivery: 'true',
						RedrivePolicy: { deadLetterTargetArn: arnOf('Dlq') }
					}
				},
				Hook: {
					Type: 'AWS::SNS::Subscription',
					Properties: {
						TopicArn: { Ref: 'T' },
						Protocol: 'https',
						Endpoint: 'https://example.com/hook',
						FilterPolicy: { kind: ['big'] },
						DeliveryPolicy: { healthyRetryPolicy: { numRetries: 2, minDelayTarget: 1, maxDelayTarget: 5 } }
					}
				}
			})
		);
		const t = node(r, 'T');
		expect(t['DeliveryPolicy']).toEqual({
			http: { defaultHealthyRetryPolicy: { numRetries: 3, minDelayTarget: 1, maxDelayTarget: 20 } }
		});
		expect(t['Subscriptions']).toEqual([
			{ Protocol: 'sqs', Endpoint: 'A' },
			{
				Protocol: 'sqs',
				Endpoint: 'B',
				FilterPolicy: '{"kind": ["big"]}',
				FilterPolicyScope: 'MessageAttributes',
				RawMessageDelivery: true,
				RedrivePolicy: { deadLetterTargetArn: 'Dlq' }
			},
			{
				Protocol: 'https',
				Endpoint: 'https://example.com/hook',
				FilterPolicy: { kind: ['big'] },
				DeliveryPolicy: { healthyRetryPolicy: { numRetries: 2, minDelayTarget: 1, maxDelayTarget: 5 } }
			}
		]);
		expect(r.warnings).toEqual([]);
	});

	it('a FIFO topic', () => {
		const r = importTemplate(
			template({
				T: {
					Type: 'AWS::SNS::Topic',
					Properties: {
						FifoTopic: true,
						ContentBasedDeduplication: true,
						FifoThroughputScope: 'MessageGroup'
					}
				}
			})
		);
		expect(node(r, 'T')).toMatchObject({
			TopicName: 'T.fifo',
			FifoTopic: true,
			ContentBasedDeduplication: true,
			FifoThroughputScope: 'MessageGroup'
		});
		// Its producer sends with a group id (SNS-FIFO-2); content-based deduplication needs no dedup id.
		expect(node(r, 'TProducer')).toMatchObject({ MessageGroupId: 'group-{n%4}' });
		expect(node(r, 'TProducer')).not.toHaveProperty('MessageDeduplicationId');
	});

	it('a subscription to a topic outside the template is left out with a warning; an invalid filter policy is an error', () => {
		const r = importTemplate(
			template({
				A: queue(),
				S: {
					Type: 'AWS::SNS::Subscription',
					Properties: { TopicArn: 'arn:aws:sns:us-east-1:1:x', Protocol: 'sqs', Endpoint: arnOf('A') }
				}
			})
		);
		expect(r.ignored.map((i) => i.logicalId)).toContain('S');
		expect(r.warnings.some((w) => w.logicalId === 'S' && w.property === 'TopicArn')).toBe(true);
		const e = importError(
			template({
				T: { Type: 'AWS::SNS::Topic' },
				A: queue(),
				S: {
					Type: 'AWS::SNS::Subscription',
					Properties: {
						TopicArn: { Ref: 'T' },
						Protocol: 'sqs',
						Endpoint: arnOf('A'),
						FilterPolicy: '{"a": 1'
					}
				}
			})
		);
		expect(e.logicalId).toBe('T');
	});
});

describe('AWS::Kinesis::Stream and AWS::KinesisFirehose::DeliveryStream', () => {
	it('a stream: shards, mode, retention', () => {
		const r = importTemplate(
			template({
				S: {
					Type: 'AWS::Kinesis::Stream',
					Properties: {
						Name: 'clicks',
						ShardCount: 3,
						RetentionPeriodHours: 72,
						StreamEncryption: { EncryptionType: 'KMS' }
					}
				},
				D: { Type: 'AWS::Kinesis::Stream', Properties: { StreamModeDetails: { StreamMode: 'ON_DEMAND' } } }
			})
		);
		expect(node(r, 'S')).toEqual({
			id: 'S',
			type: 'kinesis-stream',
			StreamName: 'clicks',
			ShardCount: 3,
			RetentionPeriodHours: 72
		});
		expect(node(r, 'D')).toEqual({ id: 'D', type: 'kinesis-stream', StreamMode: 'ON_DEMAND' });
		expect(r.warnings).toEqual([expect.objectContaining({ logicalId: 'S', property: 'StreamEncryption' })]);
	});

	it('a delivery stream reading a stream, or taking direct puts, with buffering hints', () => {
		const r = importTemplate(
			template({
				S: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1 } },
				F: {
					Type: 'AWS::KinesisFirehose::DeliveryStream',
					Properties: {
						DeliveryStreamName: 'archive',
						DeliveryStreamType: 'KinesisStreamAsSource',
						KinesisStreamSourceConfiguration: {
							KinesisStreamARN: arnOf('S'),
							RoleARN: 'arn:aws:iam::1:role/r'
						},
						ExtendedS3DestinationConfiguration: {
							BucketARN: 'arn:aws:s3:::b',
							RoleARN: 'arn:aws:iam::1:role/r',
							BufferingHints: { SizeInMBs: 2, IntervalInSeconds: 120 },
							Prefix: 'raw/',
							ProcessingConfiguration: { Enabled: true }
						}
					}
				},
				Direct: {
					Type: 'AWS::KinesisFirehose::DeliveryStream',
					Properties: { HttpEndpointDestinationConfiguration: { BufferingHints: { IntervalInSeconds: 60 } } }
				}
			})
		);
		expect(node(r, 'F')).toEqual({
			id: 'F',
			type: 'firehose',
			DeliveryStreamName: 'archive',
			source: 'S',
			BufferingHints: { SizeInMBs: 2, IntervalInSeconds: 120 },
			Prefix: 'raw/'
		});
		expect(node(r, 'Direct')).toMatchObject({ type: 'firehose', BufferingHints: { IntervalInSeconds: 60 } });
		expect(r.entryPoints).toEqual(['S', 'Direct']);
		expect(r.warnings.map((w) => w.property)).toEqual([
			'ExtendedS3DestinationConfiguration.ProcessingConfiguration',
			'HttpEndpointDestinationConfiguration'
		]);
	});
});

describe('AWS::Lambda::Function and AWS::Lambda::EventSourceMapping', () => {
	const fn = (props: Record<string, unknown> = {}) => ({
		Type: 'AWS::Lambda::Function',
		Properties: { Runtime: 'nodejs20.x', Handler: 'i.h', Code: { ZipFile: 'x' }, MemorySize: 128, ...props }
	});
	const esm = (props: Record<string, unknown>) => ({
		Type: 'AWS::Lambda::EventSourceMapping',
		Properties: props
	});

	it('an SQS mapping becomes a lambda node of the queue with every SQS option', () => {
		const r = importTemplate(
			template({
				Q: queue({ VisibilityTimeout: 60 }),
				F: fn({ Timeout: 10, ReservedConcurrentExecutions: 20 }),
				M: esm({
					EventSourceArn: arnOf('Q'),
					FunctionName: { Ref: 'F' },
					BatchSize: 100,
					MaximumBatchingWindowInSeconds: 5,
					FunctionResponseTypes: ['ReportBatchItemFailures'],
					ScalingConfig: { MaximumConcurrency: 4 },
					FilterCriteria: { Filters: [{ Pattern: '{"body": {"kind": ["a"]}}' }] }
				})
			})
		);
		expect(node(r, 'F')).toEqual({
			id: 'F',
			type: 'lambda',
			source: 'Q',
			Timeout: 10,
			ReservedConcurrency: 20,
			BatchSize: 100,
			MaximumBatchingWindowInSeconds: 5,
			FunctionResponseTypes: ['ReportBatchItemFailures'],
			MaximumConcurrency: 4,
			FilterCriteria: { Filters: [{ Pattern: '{"body": {"kind": ["a"]}}' }] }
		});
		expect(r.warnings).toEqual([]);
	});

	it('a Kinesis mapping with every Kinesis option; tumbling windows warn', () => {
		const r = importTemplate(
			template({
				S: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 2 } },
				Failed: { Type: 'AWS::SNS::Topic' },
				F: fn(),
				M: esm({
					EventSourceArn: arnOf('S'),
					FunctionName: arnOf('F'),
					StartingPosition: 'LATEST',
					BatchSize: 50,
					ParallelizationFactor: 3,
					BisectBatchOnFunctionError: 'true',
					MaximumRetryAttempts: 2,
					MaximumRecordAgeInSeconds: 600,
					DestinationConfig: { OnFailure: { Destination: { Ref: 'Failed' } } },
					TumblingWindowInSeconds: 30
				})
			})
		);
		expect(node(r, 'F')).toEqual({
			id: 'F',
			type: 'lambda',
			source: 'S',
			StartingPosition: 'LATEST',
			BatchSize: 50,
			ParallelizationFactor: 3,
			BisectBatchOnFunctionError: true,
			MaximumRetryAttempts: 2,
			MaximumRecordAgeInSeconds: 600,
			OnFailure: 'Failed'
		});
		expect(r.warnings).toEqual([
			expect.objectContaining({ logicalId: 'M', property: 'TumblingWindowInSeconds' })
		]);
		// The on-failure topic is written to by the mapping: no producer for it.
		expect(r.entryPoints).toEqual(['S']);
	});

	it('warns for asynchronous-invocation settings and unmapped mapping properties', () => {
		const r = importTemplate(
			template({
				Q: queue(),
				F: fn({ DeadLetterConfig: { TargetArn: arnOf('Q') }, Weird: 1 }),
				M: esm({ EventSourceArn: arnOf('Q'), FunctionName: { Ref: 'F' }, Queues: ['x'] })
			})
		);
		expect(r.warnings.map((w) => `${w.logicalId}.${w.property}`)).toEqual([
			'F.DeadLetterConfig',
			'F.Weird',
			'M.Queues'
		]);
	});

	it('a mapping whose source or function is outside the template is ignored', () => {
		const r = importTemplate(
			template({
				Q: queue(),
				F: fn(),
				Ddb: esm({
					EventSourceArn: 'arn:aws:dynamodb:us-east-1:1:table/t/stream/x',
					FunctionName: { Ref: 'F' }
				}),
				Ext: esm({ EventSourceArn: arnOf('Q'), FunctionName: 'someone-elses' })
			})
		);
		expect(r.ignored.map((i) => i.logicalId)).toEqual(['Ddb', 'Ext', 'F']);
		expect(r.scenario.nodes.some((n) => n.type === 'lambda')).toBe(false);
	});

	it('a function with two mappings gives two nodes; one without any is ignored', () => {
		const r = importTemplate(
			template({
				A: queue(),
				B: queue(),
				F: fn(),
				Idle: fn(),
				MA: esm({ EventSourceArn: arnOf('A'), FunctionName: 'F' }),
				MB: esm({
					EventSourceArn: arnOf('B'),
					FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:F:live'
				}),
				Off: esm({ EventSourceArn: arnOf('B'), FunctionName: 'F', Enabled: false })
			})
		);
		expect(r.scenario.nodes.filter((n) => n.type === 'lambda').map((n) => [n.id, n['source']])).toEqual([
			['F.MA', 'A'],
			['F.MB', 'B']
		]);
		expect(r.ignored.map((i) => i.logicalId)).toEqual(['Off', 'Idle']);
	});
});

describe('AWS::Serverless::Function', () => {
	it('SQS, Kinesis and SNS events with Globals.Function defaults', () => {
		const r = importTemplate(
			template(
				{
					Q: queue(),
					S: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1 } },
					T: { Type: 'AWS::SNS::Topic' },
					F: {
						Type: 'AWS::Serverless::Function',
						Properties: {
							Handler: 'a.h',
							Timeout: 9,
							Events: {
								FromQueue: {
									Type: 'SQS',
									Properties: { Queue: arnOf('Q'), BatchSize: 5, ScalingConfig: { MaximumConcurrency: 3 } }
								},
								FromStream: {
									Type: 'Kinesis',
									Properties: {
										Stream: arnOf('S'),
										StartingPosition: 'TRIM_HORIZON',
										MaximumRetryAttempts: 1
									}
								},
								FromTopic: {
									Type: 'SNS',
									Properties: { Topic: { Ref: 'T' }, FilterPolicy: { kind: ['a'] } }
								},
								Api: { Type: 'Api', Properties: { Path: '/', Method: 'get' } }
							}
						}
					}
				},
				{
					Transform: 'AWS::Serverless-2016-10-31',
					Globals: { Function: { Timeout: 4, ReservedConcurrentExecutions: 7, Runtime: 'python3.12' } }
				}
			)
		);
		expect(node(r, 'F.FromQueue')).toEqual({
			id: 'F.FromQueue',
			type: 'lambda',
			source: 'Q',
			Timeout: 9,
			ReservedConcurrency: 7,
			BatchSize: 5,
			MaximumConcurrency: 3
		});
		expect(node(r, 'F.FromStream')).toMatchObject({
			source: 'S',
			StartingPosition: 'TRIM_HORIZON',
			MaximumRetryAttempts: 1,
			Timeout: 9
		});
		expect(node(r, 'T')['Subscriptions']).toEqual([
			{
				Protocol: 'lambda',
				Endpoint: 'arn:aws:lambda:us-east-1:000000000000:function:F',
				FilterPolicy: { kind: ['a'] }
			}
		]);
		expect(r.warnings.map((w) => w.property)).toEqual([
			'Events.FromTopic.Properties.Topic',
			'Events.Api.Type'
		]);
		expect(() => loadScenario(r.scenario)).not.toThrow();
	});
});

describe('ignored resources and entry points', () => {
	it('lists every resource that gives no node; GetAtt of one has a stand-in value', () => {
		const r = importTemplate(
			template({
				Role: {
					Type: 'AWS::IAM::Role',
					Properties: { AssumeRolePolicyDocument: { 'Fn::ImportValue': 'not-evaluated' } }
				},
				Bucket: { Type: 'AWS::S3::Bucket' },
				T: {
					Type: 'AWS::SNS::Topic',
					Properties: {
						Subscription: [{ Protocol: 'https', Endpoint: { 'Fn::GetAtt': ['Bucket', 'WebsiteURL'] } }]
					}
				}
			})
		);
		expect(r.ignored).toEqual([
			{ logicalId: 'Role', type: 'AWS::IAM::Role', reason: 'does not carry or process messages' },
			{ logicalId: 'Bucket', type: 'AWS::S3::Bucket', reason: 'does not carry or process messages' }
		]);
		expect((node(r, 'T')['Subscriptions'] as { Endpoint: string }[])[0]?.Endpoint).toBe('Bucket.WebsiteURL');
	});

	it('a producer for each queue, topic or stream nothing writes to, at options.load or 10/s', () => {
		const r = importTemplate(
			template({
				T: {
					Type: 'AWS::SNS::Topic',
					Properties: { Subscription: [{ Protocol: 'sqs', Endpoint: arnOf('A') }] }
				},
				A: queue({ RedrivePolicy: { deadLetterTargetArn: arnOf('Dlq'), maxReceiveCount: 3 } }),
				Dlq: queue(),
				Lone: queue({ FifoQueue: true }),
				TProducer: queue()
			}),
			{ load: { T: 25 } }
		);
		expect(r.entryPoints).toEqual(['T', 'Lone', 'TProducer']);
		const producers = r.scenario.nodes.filter((n) => n.type === 'producer');
		expect(producers.map((p) => [p.id, p['target'], (p['Rate'] as { perSecond: number }).perSecond])).toEqual(
			[
				['TProducer2', 'T', 25],
				['LoneProducer', 'Lone', 10],
				['TProducerProducer', 'TProducer', 10]
			]
		);
		expect(node(r, 'LoneProducer')).toMatchObject({
			MessageGroupId: 'group-{n%4}',
			MessageDeduplicationId: 'dedup-{n}'
		});
	});

	it('load for an unknown node or with a bad rate is an error', () => {
		expect(importError(template({ A: queue() }), { load: { Nope: 1 } }).logicalId).toBe('Nope');
		expect(importError(template({ A: queue() }), { load: { A: 0 } }).property).toBe('load');
	});

	it('names the scenario after the Description, or "Imported template"', () => {
		const plain = importTemplate(template({ A: queue() }));
		expect(plain.scenario).toMatchObject({
			version: 1,
			name: 'Imported template',
			seed: 1,
			durationMs: 60_000
		});
		const long = importTemplate(template({ A: queue() }, { Description: 'x'.repeat(300) }));
		expect(long.scenario.name).toHaveLength(120);
		expect(long.scenario.description).toHaveLength(300);
	});
});
