// `xueliang report`: the coverage report from the command line, as the API gives it (issue 17:
// route and CLI), written as PDF, HTML or CSV in the chosen language, with a --json summary.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRate, term } from '../../../vocabulary/glossary';
import { createDemoDatabase, type DemoDatabase } from '../../browser/support/demo-database';
import { runCli } from '../../helpers/cli';

const POPPLER = process.env.XUELIANG_POPPLER_BIN ?? '/usr/bin';

describe('xueliang report', () => {
  let db: DemoDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createDemoDatabase();
    dir = mkdtempSync(join(tmpdir(), 'xl-report-cli-'));
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the PDF, the HTML and the CSV and says what it wrote in --json', async () => {
    const pdf = join(dir, 'r.pdf');
    const html = join(dir, 'r.html');
    const csv = join(dir, 'r.csv');
    const r = await runCli(db.url, ['report', '--pdf', pdf, '--html', html, '--csv', csv, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      report: { area: { code: string }; classes: Array<{ class: string; design: { rate: number } | null }>; figures?: unknown };
      written: Array<{ format: string; path: string; bytes: number }>;
    };
    expect(out.written.map((w) => w.format)).toEqual(['pdf', 'html', 'csv']);
    for (const w of out.written) expect(statSync(w.path).size).toBe(w.bytes);
    expect(out.report.figures).toBeUndefined();
    const text = execFileSync(join(POPPLER, 'pdftotext'), ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const c of out.report.classes) {
      expect(text).toContain(term('zh', 'targetClass', c.class));
      expect(text).toContain(formatRate('zh', c.design!.rate));
    }
    expect(readFileSync(html, 'utf8')).toContain('<html lang="zh-CN">');
    expect(readFileSync(csv, 'utf8')).toContain(term('zh', 'column', 'section'));
  });

  it('prints the summary in the glossary’s words, English with --lang en', async () => {
    const zh = await runCli(db.url, ['report']);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain(term('zh', 'targetClass', 'intersection'));
    expect(zh.stdout).toContain(term('zh', 'measure', 'onlineRate'));
    const en = await runCli(db.url, ['report', '--lang', 'en']);
    expect(en.stdout).toContain(term('en', 'targetClass', 'crowded_place'));
    expect(en.stdout).not.toContain(term('zh', 'targetClass', 'crowded_place'));
  });

  it('refuses bad flags with exit 2 and the flag named, and writes nothing', async () => {
    const lang = await runCli(db.url, ['report', '--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang');
    const pdf = join(dir, 'none.pdf');
    const area = await runCli(db.url, ['report', '--area', '999999', '--pdf', pdf]);
    expect(area.code).toBe(1);
    expect(area.stderr).toContain('999999');
    expect(existsSync(pdf)).toBe(false);
  });
});
