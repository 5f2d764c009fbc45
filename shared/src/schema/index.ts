export type { JSONContent } from '@tiptap/core';
export * from './authorshipRanges';
export * from './commentAnchors';
export * from './extensions';
export * from './recommendation';
export * from './recommendationsFromYDoc';
export * from './restoreBody';
export * from './safeLink';
export * from './yjsConversion';
