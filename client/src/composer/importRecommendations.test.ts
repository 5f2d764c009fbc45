import type { ImportBody, RecommendationItem } from '@plenary/shared/api';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/http';
import { importWithProvenance } from './importRecommendations';

const item = (documentId: string, id: string) => ({ documentId, id }) as RecommendationItem;

describe('importWithProvenance', () => {
  it('imports each draft in its own request and reports where each copy went', async () => {
    const calls: ImportBody[] = [];
    const outcome = await importWithProvenance([item('d1', 'a'), item('d2', 'x'), item('d1', 'b')], async (body) => {
      calls.push(body);
      return {
        imported: body.recommendationIds.map((id) => ({
          sourceRecommendationId: id,
          briefRecommendationId: `brief-${id}`,
        })),
      };
    });
    expect(calls).toEqual([
      { documentId: 'd1', recommendationIds: ['a', 'b'] },
      { documentId: 'd2', recommendationIds: ['x'] },
    ]);
    expect([...outcome.imported]).toEqual([
      ['d1#a', 'brief-a'],
      ['d1#b', 'brief-b'],
      ['d2#x', 'brief-x'],
    ]);
    expect(outcome.already.size).toBe(0);
  });

  it('notes what is already in the brief and still imports the rest', async () => {
    const calls: string[][] = [];
    const outcome = await importWithProvenance([item('d1', 'a'), item('d1', 'b')], async (body) => {
      calls.push(body.recommendationIds);
      if (body.recommendationIds.includes('a')) {
        throw new ApiRequestError(409, 'already_imported', 'Already in the brief — go to it instead.', {
          a: 'brief-a',
        });
      }
      return { imported: [{ sourceRecommendationId: 'b', briefRecommendationId: 'brief-b' }] };
    });
    expect(calls).toEqual([['a', 'b'], ['b']]);
    expect([...outcome.already]).toEqual([['d1#a', 'brief-a']]);
    expect([...outcome.imported]).toEqual([['d1#b', 'brief-b']]);
  });

  it('passes any other refusal on', async () => {
    const refusal = new ApiRequestError(403, 'forbidden', 'No.');
    await expect(
      importWithProvenance([item('d1', 'a')], async () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
  });

  it('does not loop on an "already imported" answer that names none of what was sent', async () => {
    let calls = 0;
    const odd = new ApiRequestError(409, 'already_imported', 'Already.', { zzz: 'brief-z' });
    await expect(
      importWithProvenance([item('d1', 'a')], async () => {
        calls += 1;
        throw odd;
      }),
    ).rejects.toBe(odd);
    expect(calls).toBe(1);
  });
});
