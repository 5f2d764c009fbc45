import { describe, expect, it } from 'vitest';
import { dashboardPath, documentPath, matchRoute, workshopPath } from './router';

describe('matchRoute', () => {
  it('shows the start page at /', () => {
    expect(matchRoute('/')).toEqual({ name: 'landing' });
    expect(matchRoute('')).toEqual({ name: 'landing' });
  });

  it('opens a join link at /join/:secret', () => {
    expect(matchRoute('/join/abc_DEF-123')).toEqual({ name: 'join', secret: 'abc_DEF-123' });
  });

  it('knows the workshop list, a workshop home, its dashboard and its documents', () => {
    expect(matchRoute('/workshops')).toEqual({ name: 'workshops' });
    expect(matchRoute('/w/ws1')).toEqual({ name: 'workshop', workshopId: 'ws1' });
    expect(matchRoute('/w/ws1/')).toEqual({ name: 'workshop', workshopId: 'ws1' });
    expect(matchRoute('/w/ws1/dashboard')).toEqual({ name: 'dashboard', workshopId: 'ws1' });
    expect(matchRoute('/w/ws1/d/draft-g2')).toEqual({ name: 'document', workshopId: 'ws1', documentId: 'draft-g2' });
  });

  it('round-trips ids through the path builders, including ones the server will reject', () => {
    expect(matchRoute(workshopPath('a b'))).toEqual({ name: 'workshop', workshopId: 'a b' });
    expect(matchRoute(dashboardPath('w/1'))).toEqual({ name: 'dashboard', workshopId: 'w/1' });
    expect(matchRoute(documentPath('w 1', 'x/y'))).toEqual({ name: 'document', workshopId: 'w 1', documentId: 'x/y' });
  });

  it('passes a malformed escape through for the page to reject instead of crashing', () => {
    expect(matchRoute('/w/ws1/d/%E0')).toEqual({ name: 'document', workshopId: 'ws1', documentId: '%E0' });
  });

  it('knows nothing else', () => {
    for (const path of [
      '/d/demo',
      '/join',
      '/join/a/b',
      '/w',
      '/w/ws1/d',
      '/w/ws1/x',
      '/w//d/x',
      '/workshops/1',
      '/admin',
    ]) {
      expect(matchRoute(path), path).toEqual({ name: 'notFound' });
    }
  });
});
