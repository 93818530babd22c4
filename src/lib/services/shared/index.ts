// What every service shares: AWS names and AWS-shaped errors.
export * from './aws';
export * from './errors';
