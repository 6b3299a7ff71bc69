// The coverage report's own sentences and headings in zh-CN and English (HTML, PDF and CSV
// share them). Terms (classes, reasons, units, rates) come from vocabulary/glossary.ts; only the
// report's phrasing lives here.
import type { Lang } from '../../../vocabulary/glossary';

const TEXT = {
  title: { zh: '视频监控覆盖报告', en: 'Video coverage report' },
  generated: { zh: '生成于 {{time}}', en: 'generated {{time}}' },
  targetAll: { zh: '目标：各类目标覆盖率 100%', en: 'target: 100 % coverage of every class' },
  coverageByClass: { zh: '各类目标覆盖率', en: 'Coverage by target class' },
  coveredOfTotal: { zh: '已覆盖 / 总量（设计）', en: 'Covered / total (design)' },
  atDate: { zh: '截至 {{date}}', en: 'At {{date}}' },
  assumedTargets: { zh: '依赖假定参数', en: 'On assumed values' },
  health: { zh: '在线率与完好率', en: 'Online and working rates' },
  nowColumn: { zh: '当前', en: 'Now' },
  monthColumn: { zh: '{{period}}（按时长加权）', en: '{{period}} (time-weighted)' },
  thisMonth: { zh: '本月', en: 'This month' },
  required: { zh: '要求', en: 'Required' },
  atLeast: { zh: '不低于 {{value}}', en: 'at least {{value}}' },
  // Never-polled cameras are no data, outside the rates (vocabulary/camera-health.ts): their own count.
  camerasLine: {
    zh: '{{cameras}}（未轮询 {{unknown}}；已轮询 {{observed}} 台中在线 {{online}}，完好 {{working}}）',
    en: '{{cameras}} (never polled {{unknown}}; of the {{observed}} polled: online {{online}}, working {{working}})',
  },
  subAreas: { zh: '下级区域（设计覆盖）', en: 'Sub-areas (design coverage)' },
  area: { zh: '区域', en: 'Area' },
  rankedBlindSpots: { zh: '盲区排名（前 {{shown}} 处，共 {{total}} 处）', en: 'Ranked blind spots ({{shown}} of {{total}})' },
  rank: { zh: '序号', en: '#' },
  target: { zh: '目标', en: 'Target' },
  why: { zh: '原因', en: 'Why' },
  size: { zh: '大小', en: 'Size' },
  where: { zh: '纬度，经度', en: 'Lat, lon' },
  noneRecorded: { zh: '没有记录的盲区。', en: 'None recorded.' },
  unnamedTarget: { zh: '目标 {{id}}', en: 'target {{id}}' },
  map: { zh: '盲区分布图：{{name}}', en: 'Map of blind spots: {{name}}' },
  mapNote: {
    zh: '设计覆盖下的盲区（按原因着色）、主要道路与行政区界；由服务器据存储的几何绘制。',
    en: 'Blind spots of design coverage (coloured by reason), main roads and the boundary; drawn by the server from the stored geometry.',
  },
  boundary: { zh: '行政区界', en: 'Boundary' },
  scaleBar: { zh: '{{value}} 公里', en: '{{value}} km' },
  chart: { zh: '逐月覆盖率（设计覆盖）', en: 'Coverage month by month (design)' },
  chartNote: {
    zh: '虚线为 100% 目标，竖线为 2020-12-31 期限。',
    en: 'The dashed line is the 100 % target, the vertical line the 2020-12-31 deadline.',
  },
  deadlineMark: { zh: '期限', en: 'Deadline' },
  noCoverage: { zh: '尚未计算覆盖。', en: 'Coverage has not been computed yet.' },
  page: { zh: '第 {{n}} 页', en: 'Page {{n}}' },
} as const;
export type ReportTextKey = keyof typeof TEXT;

/** A report sentence in one language, with {{name}} placeholders filled. */
export function rt(lang: Lang, key: ReportTextKey, values: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** Every key in both languages (tests compare them). */
export const REPORT_TEXT: Readonly<Record<ReportTextKey, { zh: string; en: string }>> = TEXT;
