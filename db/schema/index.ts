export * from './accounts';
export * from './policies';
export * from './site';
