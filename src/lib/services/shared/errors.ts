// AWS-shaped errors: thrown as exceptions whose `name` is AWS's error code, as the AWS SDK v3 does.

export class AwsError extends Error {
	readonly $fault: 'client' | 'server';
	readonly Code: string;
	constructor(code: string, message: string, fault: 'client' | 'server' = 'client') {
		super(message);
		this.name = code;
		this.Code = code;
		this.$fault = fault;
	}
}

export function awsError(code: string, message: string, fault: 'client' | 'server' = 'client'): AwsError {
	return new AwsError(code, message, fault);
}
