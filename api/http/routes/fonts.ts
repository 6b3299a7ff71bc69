// The bundled Noto Sans SC, served by this server for documents that show Chinese outside the web
// app (the coverage report's HTML): the network is isolated, so no CDN, and the reader's machine
// may have no CJK font at all. One file per unicode-range subset (api/domain/fonts).
import { createRoute, z } from '@hono/zod-openapi';
import { readFontFile } from '../../domain/fonts/noto-sans-sc';
import { NotFoundError } from '../../errors';
import type { RouteModule } from '../env';
import { NOT_FOUND, STANDARD_ERRORS } from '../schemas/common';
import { secured } from '../secured';

// The files are those of the installed package version: they change only with a deploy.
const FONT_CACHE = 'private, max-age=86400';

const fontFile = secured(
  ['viewer'],
  createRoute({
    method: 'get',
    path: '/fonts/noto-sans-sc/{file}',
    tags: ['basemap'],
    summary: 'A unicode-range subset of the bundled Noto Sans SC (WOFF2), for the coverage report',
    request: {
      params: z.object({
        file: z
          .string()
          .regex(/^noto-sans-sc-[a-z0-9-]+-400-normal\.woff2$/, 'expected noto-sans-sc-<subset>-400-normal.woff2')
          .openapi({ example: 'noto-sans-sc-latin-400-normal.woff2' }),
      }),
    },
    responses: {
      200: { content: { 'font/woff2': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The font file' },
      ...STANDARD_ERRORS,
      ...NOT_FOUND,
    },
  }),
);

const fontRoutes: RouteModule = {
  name: 'fonts',
  register({ api }) {
    api.openapi(fontFile, (c) => {
      const { file } = c.req.valid('param');
      const bytes = readFontFile(file);
      if (bytes === null) throw new NotFoundError(`No font file "${file}".`, { field: 'file' });
      c.header('Cache-Control', FONT_CACHE);
      c.header('Content-Type', 'font/woff2');
      return c.body(new Uint8Array(bytes), 200) as never;
    });
  },
};

export default fontRoutes;
