// The typed client's pure parts: the API's error body becomes an ApiError the panels can show
// (code, field and row kept), anything else still becomes a readable error; links are built from
// the document's paths with their parameters encoded.
import { describe, expect, it } from 'vitest';
import { ApiError, apiHref, toApiError } from '../../../web/src/api/client';

describe('web API client', () => {
  it('keeps code, message, field and row of the API error body, so the import panel can point at the row', () => {
    const e = toApiError(400, 'Bad Request', { error: { code: 'invalid_value', message: 'lat out of range', field: 'lat', row: 7 } });
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.message, e.field, e.row]).toEqual([400, 'invalid_value', 'lat out of range', 'lat', 7]);
  });

  it('turns a body that is not the error shape into an error named by its status', () => {
    const fromText = toApiError(502, 'Bad Gateway', '<html>proxy down</html>');
    expect([fromText.code, fromText.message]).toEqual(['502', '<html>proxy down</html>']);
    const empty = toApiError(503, '', undefined);
    expect([empty.code, empty.message]).toEqual(['503', 'HTTP 503']);
  });

  it('builds links from the document paths, encoding parameters and leaving out absent query values', () => {
    expect(apiHref('/api/v1/cameras/{deviceId}/snapshot', { path: { deviceId: '61090200001320000001' } })).toBe(
      '/api/v1/cameras/61090200001320000001/snapshot',
    );
    expect(apiHref('/api/v1/exports/blind-spots.geojson', { query: { area: '610921', class: undefined } })).toBe(
      '/api/v1/exports/blind-spots.geojson?area=610921',
    );
    expect(apiHref('/api/v1/style.json', { query: { theme: 'light', lang: 'en' } })).toBe('/api/v1/style.json?theme=light&lang=en');
  });
});
