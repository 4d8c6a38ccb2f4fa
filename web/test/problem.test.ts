import { describe, expect, it } from 'vitest';
import { ApiError, normalizeFieldName, toApiError } from '../src/api/problem';

describe('ApiError', () => {
  it('maps 400 errors by field', () => {
    const error = new ApiError(400, {
      status: 400, detail: 'title is required', errors: { Title: ['title is required'], '$.dueAt': ['bad date'] },
    });
    expect(error.fieldErrors()).toEqual({ title: ['title is required'], dueAt: ['bad date'] });
  });

  it('files detail under the named field', () => {
    const error = new ApiError(409, { status: 409, detail: 'Already decided.', field: 'reason' });
    expect(error.fieldErrors()).toEqual({ reason: ['Already decided.'] });
  });

  it('keeps general message when no field fits', () => {
    const error = new ApiError(400, { detail: 'page must be 1 or more', errors: { page: ['page must be 1 or more'] } });
    expect(error.generalMessage(['title'])).toBe('page must be 1 or more');
    expect(error.generalMessage(['page'])).toBeNull();
  });

  it('marks 412 as a conflict', () => {
    expect(new ApiError(412, {}).isConflict).toBe(true);
    expect(new ApiError(409, {}).isConflict).toBe(false);
  });

  it('reads a non-JSON error body', async () => {
    const error = await toApiError(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(error.status).toBe(502);
    expect(error.message).toBe('Bad Gateway');
  });
});

describe('normalizeFieldName', () => {
  it.each([
    ['Title', 'title'],
    ['$.contactEmail', 'contactEmail'],
    ['description', 'description'],
  ])('turns %s into %s', (key, expected) => {
    expect(normalizeFieldName(key)).toBe(expected);
  });
});
