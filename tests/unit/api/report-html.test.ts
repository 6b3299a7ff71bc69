// The coverage report as HTML: Chinese-first (English on request), the glossary's terms and
// units, and the bundled Noto Sans SC served by our own server (issue 17: the report drew Chinese
// as empty boxes on a machine without system CJK fonts, spoke English first, said
// "道路交叉口 / 清晰度不足" where the UI said "路口 / 细节不足", and gave areas in hectares).
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../api/domain/exports/render-report';
import { formatClassMeasure, formatRate, term } from '../../../vocabulary/glossary';
import { sampleReport } from '../../helpers/sample-report';

describe('coverage report HTML', () => {
  const r = sampleReport();

  it('is Chinese by default: lang zh-CN, Chinese headings and the glossary terms', () => {
    const html = renderReportHtml(r);
    expect(html).toMatch(/<html lang="zh-CN">/);
    expect(html).toContain('<h1>视频监控覆盖报告');
    for (const cls of ['intersection', 'road', 'hotspot', 'crowded_place'] as const) expect(html).toContain(term('zh', 'targetClass', cls));
    expect(html).toContain(term('zh', 'blindSpotReason', 'low_detail'));
    expect(html).not.toContain('清晰度不足');
    expect(html).not.toMatch(/Video coverage report|Ranked blind spots/);
  });

  it('is English on request, with no Chinese label left but the names in the data', () => {
    const html = renderReportHtml(r, 'en');
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('Video coverage report');
    expect(html).toContain(term('en', 'targetClass', 'intersection'));
    // Names come from the data and stay as they are; every label around them is English.
    const names = [r.area.name, r.area.parentName!, ...r.subAreas.map((a) => a.name), ...r.blindSpots.items.map((b) => b.targetName ?? '')];
    let leftovers = html.replace(/<style>[\s\S]*?<\/style>/, '');
    for (const n of names.filter((x) => x !== '').sort((a, b) => b.length - a.length)) leftovers = leftovers.replaceAll(n, '');
    expect(leftovers.match(/[\u3400-\u9fff]+/g) ?? []).toEqual([]);
  });

  it('gives areas in m² and roads in km, as the UI does (never hectares)', () => {
    const html = renderReportHtml(r);
    const hot = r.classes.find((c) => c.class === 'hotspot')!.design!;
    expect(html).toContain(formatClassMeasure('zh', 'hotspot', hot.total));
    const road = r.classes.find((c) => c.class === 'road')!.design!;
    expect(html).toContain(formatClassMeasure('zh', 'road', road.total));
    expect(html).not.toMatch(/\bha\b|公顷/);
  });

  it('shows each rate as the fraction the API gives, formatted once', () => {
    const html = renderReportHtml(r);
    for (const c of r.classes) expect(html).toContain(formatRate('zh', c.design!.rate));
    expect(html).toContain(formatRate('zh', r.status.onlineRateNow));
  });

  it('gives 联网率 beside 在线率 and 完好率, against 100 %, and "—" (not 0 %) when networking is unknown', () => {
    const row = (html: string) => html.match(/<tr><th scope="row">联网率<\/th>(.*?)<\/tr>/)?.[1];
    const known = row(renderReportHtml(r));
    expect(known).toContain(formatRate('zh', r.status.networkedRateNow));
    expect(known).toContain('未达标');
    expect(known).toContain(formatRate('zh', r.status.monthToDate!.networkedRate));
    const unknown = row(renderReportHtml({ ...r, status: { ...r.status, networkedRateNow: null, monthToDate: null } }));
    expect(unknown).toBeDefined();
    expect(unknown).not.toMatch(/(?<![\d.])0(\.0+)?\s?%/);
    expect(unknown).toContain('—');
    expect(row(renderReportHtml(r, 'en'))).toBeUndefined();
    expect(renderReportHtml(r, 'en')).toContain('Networked rate');
  });

  it('draws its text with the bundled Noto Sans SC served by our server (no CDN, no system font needed)', () => {
    const html = renderReportHtml(r);
    expect(html).toMatch(/@font-face\s*{[^}]*font-family:\s*'Noto Sans SC'/);
    const urls = [...html.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(50); // one per unicode-range subset
    for (const u of urls) expect(u).toMatch(/^\/api\/v1\/fonts\/noto-sans-sc\/[\w-]+\.woff2$/);
    expect(html).toMatch(/body\s*{[^}]*font-family:\s*'Noto Sans SC'/);
  });
});
