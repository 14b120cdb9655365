export * from './accounts';
export * from './policies';
export * from './site';
export * from './forum';
export * from './messages';
export * from './privacy';
