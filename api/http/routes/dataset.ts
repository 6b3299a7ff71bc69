// GET /dataset: the loaded dataset and where the map opens. Any logged-in user.
import { createRoute, z } from '@hono/zod-openapi';
import { readDataset } from '../../domain/dataset/read-dataset';
import type { RouteModule } from '../env';
import { STANDARD_ERRORS } from '../schemas/common';
import { secured } from '../secured';

const DatasetSchema = z
  .object({
    name: z.string().nullable(),
    source: z.string().nullable().openapi({ description: 'generated | osm' }),
    generated: z.boolean().openapi({ description: 'true for the synthetic demo or benchmark data (label it as such)' }),
    bounds: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .nullable()
      .openapi({ description: '[w, s, e, n], WGS-84 degrees; null when unknown' }),
    attribution: z.string().nullable(),
    seed: z.number().int().nullable().openapi({ description: 'the generator seed of a generated dataset' }),
    center: z.tuple([z.number(), z.number()]).nullable().openapi({ description: '[lon, lat], WGS-84 degrees, where the map opens' }),
    firstInstallDate: z.string().nullable().openapi({ description: 'YYYY-MM-DD of the first camera install; null without dates' }),
    metricSrid: z
      .number()
      .int()
      .openapi({ description: "EPSG code of the planar projection lengths and areas are measured in (the data's UTM zone)" }),
    timeZone: z
      .string()
      .openapi({ description: "the dataset's time zone (IANA name, settings time_zone); every date rule counts its days" }),
    today: z.string().openapi({ description: 'today in that time zone (YYYY-MM-DD): the default date of every date query' }),
  })
  .openapi('Dataset');

const route = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/dataset',
    tags: ['dataset'],
    summary: 'The loaded dataset, its centre, first install date and metric SRID',
    responses: { 200: { content: { 'application/json': { schema: DatasetSchema } }, description: 'Dataset' }, ...STANDARD_ERRORS },
  }),
);

const datasetRoutes: RouteModule = {
  name: 'dataset',
  register({ api }, deps) {
    api.openapi(route, async (c) => c.json(await readDataset(deps.pool), 200));
  },
};

export default datasetRoutes;
