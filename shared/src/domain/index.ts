export * from './contentHash';
export * from './draftTemplate';
export * from './participantColor';
export * from './permissions';
export * from './recommendationFields';
export * from './recommendations';
export * from './roles';
