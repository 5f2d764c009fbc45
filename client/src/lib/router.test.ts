import { describe, expect, it } from 'vitest';
import { composerPath, dashboardPath, documentPath, matchRoute, workshopPath } from './router';

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

  it("opens a brief's composer at /w/:workshopId/briefs/:briefId/compose", () => {
    expect(matchRoute('/w/ws1/briefs/b1/compose')).toEqual({ name: 'composer', workshopId: 'ws1', briefId: 'b1' });
    expect(matchRoute(composerPath('w 1', 'b/2'))).toEqual({ name: 'composer', workshopId: 'w 1', briefId: 'b/2' });
    for (const path of [
      '/w/ws1/briefs/b1',
      '/w/ws1/briefs/b1/edit',
      '/w/ws1/briefs//compose',
      '/w/ws1/briefs/b1/compose/x',
    ]) {
      expect(matchRoute(path), path).toEqual({ name: 'notFound' });
    }
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
