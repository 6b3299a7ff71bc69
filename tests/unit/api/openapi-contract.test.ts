// The contract check that every integration test runs on every response (tests/helpers/api.ts):
// these prove it fails on the kinds of drift that used to make the web guess (a renamed or
// missing field, an extra undocumented one, a percent where a fraction is documented, a state
// outside the vocabulary) rather than passing whatever the server sends.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../api/http/app';
import { openApiDocument } from '../../../api/http/openapi-document';
import { checkResponsesAgainstContract } from '../../helpers/api';
import { ContractViolation, OpenApiContract, type OpenApiDoc, type ResponseFacts } from '../../helpers/openapi-contract';

// Building the app does not touch the database; the pool is never connected.
const { app } = createApp({ pool: new pg.Pool({ connectionString: 'postgres://unused@127.0.0.1:1/unused' }) });
const contract = new OpenApiContract(openApiDocument(app) as OpenApiDoc);

const json = (method: string, path: string, status: number, body: unknown): ResponseFacts => ({
  method,
  path,
  status,
  contentType: 'application/json; charset=UTF-8',
  bodyText: JSON.stringify(body),
});

const dataset = {
  name: '安康演示县（生成数据）',
  source: 'generated',
  generated: true,
  bounds: [108.9, 32.6, 109.1, 32.8],
  attribution: null,
  seed: 1,
  center: [109, 32.7],
  firstInstallDate: '2016-03-01',
  metricSrid: 32649,
  timeZone: 'Asia/Shanghai',
  today: '2026-12-07',
};

const rollupRow = {
  areaCode: null,
  areaName: null,
  period: '2026-01-02',
  cameras: 10,
  samples: 100,
  onlineRateSampled: 0.9,
  onlineRateTimeWeighted: 0.91,
  workingRateSampled: 0.8,
  workingRateTimeWeighted: 0.81,
  networkedRate: null,
  thresholds: { online: 0.95, working: 0.98, networked: 1, onlineFrom: 'default', workingFrom: 'default', networkedFrom: 'default' },
};

const problems = (facts: ResponseFacts): string[] => {
  const r = contract.check(facts);
  return r.kind === 'mismatch' ? r.problems : [];
};

describe('the OpenAPI contract check on responses', () => {
  it('passes a body that is exactly the documented shape, so the strictness is not noise', () => {
    expect(contract.check(json('GET', '/api/v1/dataset', 200, dataset))).toEqual({ kind: 'ok' });
    expect(contract.check(json('GET', '/api/v1/status/rollups', 200, { rows: [rollupRow] }))).toEqual({ kind: 'ok' });
  });

  it('fails a body missing a required field (a renamed field looks like this to the web)', () => {
    const { metricSrid: _, ...rest } = dataset;
    void _;
    expect(problems(json('GET', '/api/v1/dataset', 200, rest)).join('\n')).toMatch(/must have required property 'metricSrid'/);
  });

  it('fails a body with an undocumented extra field, which the generated types would not know', () => {
    expect(problems(json('GET', '/api/v1/dataset', 200, { ...dataset, metric_srid: 32649 })).join('\n')).toMatch(
      /must NOT have additional properties \(metric_srid\)/,
    );
  });

  it('fails a percent where the document says fraction 0–1', () => {
    const found = problems(json('GET', '/api/v1/status/rollups', 200, { rows: [{ ...rollupRow, onlineRateTimeWeighted: 91 }] }));
    expect(found.join('\n')).toMatch(/\/rows\/0\/onlineRateTimeWeighted must be <= 1/);
  });

  it('fails a camera state outside the vocabulary', () => {
    const event = { cameraId: 1, deviceId: '61090200001320000001', state: 'OK', reason: 'ok', since: '2026-01-02T03:04:05.000Z' };
    const camera = {
      name: 'c',
      type: 'fixed',
      lon: 109,
      lat: 32.7,
      heightM: 6,
      azimuthDeg: 90,
      tiltDeg: null,
      resolutionH: 1920,
      resolutionV: 1080,
      hfovDeg: 60,
      vfovDeg: null,
      sensorWidthMm: null,
      focalLengthMm: null,
      ptzPresets: [],
      installDate: '2020-01-01',
      removalDate: null,
      ownerUnit: null,
      resourceClass: null,
      onvifUrl: null,
      onvifUser: null,
      provenance: { heightM: 'surveyed' },
      source: 'manual',
      id: 1,
      deviceId: event.deviceId,
      hasPassword: false,
      adminArea: null,
      status: { state: 'OK', since: event.since, reason: 'ok', lastPollAt: event.since, online: true, working: true },
      createdAt: event.since,
      updatedAt: event.since,
    };
    // CameraCard is Camera (a $ref) extended: the check merges the two before closing them.
    const inventory = [{ source: 'onvif', manufacturer: 'Hikvision', model: null, firmware: null, serial: null, seenAt: event.since }];
    const card = { ...camera, availability: { days: 30, onlineShare: 1, workingShare: 0.5 }, inventory };
    expect(contract.check(json('GET', '/api/v1/cameras/61090200001320000001', 200, card))).toEqual({ kind: 'ok' });
    const offline = { ...card, status: { ...card.status, state: 'OFFLINE' } };
    expect(problems(json('GET', '/api/v1/cameras/61090200001320000001', 200, offline)).join('\n')).toMatch(
      /\/status\/state must be equal to one of the allowed values/,
    );
    expect(problems(json('GET', '/api/v1/cameras/61090200001320000001', 200, { ...card, extra: 1 })).join('\n')).toMatch(/\(extra\)/);
  });

  it('fails a status the operation does not document, and a media type it does not list', () => {
    expect(problems(json('GET', '/api/v1/dataset', 418, { error: { code: 'teapot', message: 'no' } })).join('\n')).toMatch(
      /status 418 is not documented/,
    );
    const csv: ResponseFacts = { method: 'GET', path: '/api/v1/dataset', status: 200, contentType: 'text/csv' };
    expect(problems(csv).join('\n')).toMatch(/media type text\/csv is not documented/);
  });

  it('checks the error body of a documented error status too', () => {
    expect(contract.check(json('GET', '/api/v1/dataset', 401, { error: { code: 'unauthorized', message: 'Log in' } }))).toEqual({
      kind: 'ok',
    });
    expect(problems(json('GET', '/api/v1/dataset', 401, { message: 'Log in' })).join('\n')).toMatch(/required property 'error'/);
  });

  it('picks the literal path over a template (/plans/compare is not /plans/{id})', () => {
    expect(contract.templateFor('/api/v1/plans/compare')).toBe('/api/v1/plans/compare');
    expect(contract.templateFor('/api/v1/plans/12')).toBe('/api/v1/plans/{id}');
    expect(contract.check(json('GET', '/healthz', 200, { status: 'ok' }))).toEqual({ kind: 'undocumented-path' });
  });

  it('makes a test that calls a route returning an undocumented shape fail (the helper every integration test uses)', async () => {
    const mini = new OpenAPIHono();
    const route = createRoute({
      method: 'get',
      path: '/thing',
      responses: { 200: { content: { 'application/json': { schema: z.object({ rate: z.number().max(1) }) } }, description: 'a rate' } },
    });
    // The handler breaks its own schema (a percent), as a drifting domain function would.
    mini.openapi(route, (c) => c.json({ rate: 95 } as { rate: number }, 200));
    checkResponsesAgainstContract(mini);
    await expect(Promise.resolve(mini.request('/thing'))).rejects.toThrow(ContractViolation);
    await expect(Promise.resolve(mini.request('/thing'))).rejects.toThrow(/\/rate must be <= 1/);
  });
});
