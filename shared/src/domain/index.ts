export * from './draftTemplate';
export * from './participantColor';
export * from './permissions';
export * from './roles';
