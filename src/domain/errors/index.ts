export * from './domain-error';
export * from './request-validation.error';
