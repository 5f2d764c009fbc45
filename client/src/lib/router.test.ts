import { describe, expect, it } from 'vitest';
import { documentPath, matchRoute } from './router';

describe('matchRoute', () => {
  it('shows the start page at /', () => {
    expect(matchRoute('/')).toEqual({ name: 'landing' });
  });

  it('opens a document at /d/:documentId', () => {
    expect(matchRoute('/d/demo')).toEqual({ name: 'document', documentId: 'demo' });
    expect(matchRoute('/d/group-2_draft/')).toEqual({ name: 'document', documentId: 'group-2_draft' });
  });

  it('round-trips ids through documentPath, including ones the page will reject', () => {
    expect(matchRoute(documentPath('a b/c'))).toEqual({ name: 'document', documentId: 'a b/c' });
  });

  it('passes a malformed escape through for the page to reject instead of crashing', () => {
    expect(matchRoute('/d/%E0')).toEqual({ name: 'document', documentId: '%E0' });
  });

  it('knows nothing else', () => {
    expect(matchRoute('/d/')).toEqual({ name: 'notFound' });
    expect(matchRoute('/d/a/b')).toEqual({ name: 'notFound' });
    expect(matchRoute('/admin')).toEqual({ name: 'notFound' });
  });
});
