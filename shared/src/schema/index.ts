export type { JSONContent } from '@tiptap/core';
export * from './extensions';
export * from './safeLink';
export * from './yjsConversion';
