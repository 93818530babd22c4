// The SQS service's public surface: what the sandbox and other layers may use.
export * from './api-types';
export * from './config';
export * from './limits';
export * from './message';
export * from './message-lifecycle';
export * from './queue';
export * from './move-task-lifecycle';
