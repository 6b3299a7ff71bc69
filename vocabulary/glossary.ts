// The glossary: one zh-CN and one English term for each concept the product shows, and one
// display unit per target class. The web's i18n tables, the coverage report (HTML, PDF, CSV), the
// export headers and the CLI all take their words from here, so the screen and the paper say the
// same thing. Pure: no fs, pg or DOM (the browser imports it).
//
// Choices (issue 17 found the report and the UI disagreeing):
// - Target classes use the plan's own wording (Ankang 2018 plan 二(三)2, the MPS wording
//   "城镇道路交叉口无死角、主要道路关键节点无盲区"): an inspector checks the report against that text.
//   So 道路交叉口, not the UI's former 路口; 主要道路, not 道路; 案件高发区域, not 治安热点.
// - low_detail is 细节不足 ("too little detail"): the cause is pixel density below the target's
//   detail level (细节等级), not image sharpness, which 清晰度 would suggest.
// - Areas are in m², in the UI and the report alike: the API, `xueliang coverage --json`, the CSV
//   exports and the planner already give square metres (unit "m2"), so a figure on paper can be
//   found unchanged in every other place; hectares would add a conversion where a reader checks
//   one against another. Roads are shown in km (2 decimals: 10 m), counted in m by the API.
//
// Camera states and agent reason codes have their labels beside their definitions
// (vocabulary/camera-health.ts, vocabulary/health-reasons.ts); this file does not repeat them.
import type { TargetClass } from '../coverage-engine';
import type { BlindSpotReason } from '../gis-data/coverage/blind-spot-reasons';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export interface Term {
  readonly zh: string;
  readonly en: string;
}

/** zh unless the tag names English ("en", "en-GB", …): the product is Chinese-first. */
export function toLang(tag: string | null | undefined): Lang {
  return typeof tag === 'string' && /^en\b/i.test(tag) ? 'en' : 'zh';
}

export const TARGET_CLASS_TERMS = {
  intersection: { zh: '道路交叉口', en: 'Intersections' },
  road: { zh: '主要道路', en: 'Main roads' },
  hotspot: { zh: '案件高发区域', en: 'High-crime areas' },
  crowded_place: { zh: '人员密集场所', en: 'Crowded places' },
} as const satisfies Record<TargetClass, Term>;

export const BLIND_SPOT_REASON_TERMS = {
  no_camera: { zh: '无摄像机', en: 'No camera' },
  occluded: { zh: '建筑遮挡', en: 'Occluded by a building' },
  low_detail: { zh: '细节不足', en: 'Too little detail' },
  near_blind_zone: { zh: '近端盲区', en: 'Near blind zone' },
  camera_down: { zh: '摄像机故障', en: 'Camera down' },
} as const satisfies Record<BlindSpotReason, Term>;

/**
 * Detail levels of IEC/EN 62676-4:2015 (DORI) and IEC 62676-4:2025 (gis-data/optics/levels.ts).
 * The 2015 names follow the usual Chinese renderings of DORI (探测、观察、识别、辨认).
 */
export const DETAIL_LEVEL_TERMS = {
  monitor: { zh: '监视', en: 'Monitor' },
  detect: { zh: '探测', en: 'Detect' },
  observe: { zh: '观察', en: 'Observe' },
  recognise: { zh: '识别', en: 'Recognise' },
  identify: { zh: '辨认', en: 'Identify' },
  inspect: { zh: '检视', en: 'Inspect' },
  overview: { zh: '概览', en: 'Overview' },
  outline: { zh: '轮廓', en: 'Outline' },
  discern: { zh: '分辨', en: 'Discern' },
  perceive: { zh: '感知', en: 'Perceive' },
  characterise: { zh: '特征', en: 'Characterise' },
  validate: { zh: '核验', en: 'Validate' },
  scrutinise: { zh: '细查', en: 'Scrutinise' },
} as const satisfies Record<string, Term>;
export type DetailLevelName = keyof typeof DETAIL_LEVEL_TERMS;

/** The camera types the registry accepts (cameras.type CHECK, migration 0001). */
export const CAMERA_TYPES = ['fixed', 'dome', 'ptz', 'fisheye', 'thermal'] as const;
export type CameraType = (typeof CAMERA_TYPES)[number];

export const CAMERA_TYPE_TERMS = {
  fixed: { zh: '枪机', en: 'Fixed (bullet)' },
  dome: { zh: '半球', en: 'Dome' },
  ptz: { zh: '球机（云台）', en: 'PTZ' },
  fisheye: { zh: '鱼眼', en: 'Fisheye' },
  thermal: { zh: '热成像', en: 'Thermal' },
} as const satisfies Record<CameraType, Term>;

/** Levels of admin_areas (GB/T 2260). */
export const ADMIN_LEVEL_TERMS = {
  city: { zh: '市', en: 'City' },
  county: { zh: '区县', en: 'County' },
  town: { zh: '乡镇（街道）', en: 'Town' },
} as const satisfies Record<'city' | 'county' | 'town', Term>;

/** Figures and their qualifiers, as headings and table labels say them. */
export const MEASURE_TERMS = {
  coverageRate: { zh: '覆盖率', en: 'Coverage rate' },
  onlineRate: { zh: '在线率', en: 'Online rate' },
  workingRate: { zh: '完好率', en: 'Working rate' },
  networkedRate: { zh: '联网率', en: 'Networked rate' },
  design: { zh: '设计覆盖', en: 'Design coverage' },
  now: { zh: '当前覆盖', en: 'Coverage now' },
  blindSpot: { zh: '盲区', en: 'Blind spot' },
  blindSpots: { zh: '盲区', en: 'Blind spots' },
  target: { zh: '目标', en: 'Target' },
  threshold: { zh: '阈值', en: 'Threshold' },
  deadline: { zh: '2020 期限', en: '2020 deadline' },
  camerasInService: { zh: '在用摄像机', en: 'Cameras in service' },
  cameras: { zh: '摄像机', en: 'Cameras' },
  // The rates are over the cameras polled; never polled is no data (vocabulary/camera-health.ts).
  camerasPolled: { zh: '已轮询摄像机', en: 'Cameras polled' },
  camerasNeverPolled: { zh: '未轮询摄像机', en: 'Cameras never polled' },
  assumed: { zh: '依赖假定参数', en: 'Rests on assumed values' },
  met: { zh: '达标', en: 'met' },
  notMet: { zh: '未达标', en: 'not met' },
  noData: { zh: '无数据', en: 'no data' },
} as const satisfies Record<string, Term>;
export type MeasureKey = keyof typeof MEASURE_TERMS;

/** Display units ({{value}} is the number, already formatted). */
export const UNIT_TERMS = {
  count: { zh: '{{value}} 个', en: '{{value}}' },
  m: { zh: '{{value}} 米', en: '{{value}} m' },
  km: { zh: '{{value}} 公里', en: '{{value}} km' },
  m2: { zh: '{{value}} 平方米', en: '{{value}} m²' },
  percent: { zh: '{{value}}', en: '{{value}}' },
} as const satisfies Record<string, Term>;
export type DisplayUnit = keyof typeof UNIT_TERMS;

/** One display unit per class, in the UI and the report alike (see the top of this file). */
export const CLASS_DISPLAY_UNIT = {
  intersection: 'count',
  road: 'km',
  hotspot: 'm2',
  crowded_place: 'm2',
} as const satisfies Record<TargetClass, DisplayUnit>;

/** Fraction digits of each display unit. */
export const UNIT_DIGITS: Record<DisplayUnit, number> = { count: 0, m: 0, km: 2, m2: 0, percent: 1 };

/**
 * Column headers of the CSV exports (the camera ledger, blind spots, the coverage report) and of
 * the ledger import's column mapping. The ledger importer also accepts these labels as headers
 * (gis-data/ledger/columns.ts), so an exported ledger imports again in either language.
 */
export const COLUMN_TERMS = {
  device_id: { zh: '设备编码', en: 'Device ID' },
  name: { zh: '名称', en: 'Name' },
  type: { zh: '摄像机类型', en: 'Camera type' },
  lon: { zh: '经度', en: 'Longitude' },
  lat: { zh: '纬度', en: 'Latitude' },
  height_m: { zh: '安装高度（米）', en: 'Height (m)' },
  azimuth_deg: { zh: '方位角（度）', en: 'Azimuth (°)' },
  tilt_deg: { zh: '俯仰角（度）', en: 'Tilt (°)' },
  hfov_deg: { zh: '水平视场角（度）', en: 'Horizontal field of view (°)' },
  vfov_deg: { zh: '垂直视场角（度）', en: 'Vertical field of view (°)' },
  resolution_h: { zh: '水平分辨率（像素）', en: 'Horizontal resolution (px)' },
  resolution_v: { zh: '垂直分辨率（像素）', en: 'Vertical resolution (px)' },
  resolution: { zh: '分辨率', en: 'Resolution' },
  install_date: { zh: '安装日期', en: 'Installed on' },
  removal_date: { zh: '拆除日期', en: 'Removed on' },
  onvif_url: { zh: 'ONVIF 地址', en: 'ONVIF address' },
  onvif_user: { zh: 'ONVIF 用户名', en: 'ONVIF user' },
  onvif_password: { zh: 'ONVIF 密码', en: 'ONVIF password' },
  gb_password: { zh: '国标密码', en: 'GB/T 28181 password' },
  owner_unit: { zh: '建设单位', en: 'Owner unit' },
  resource_class: { zh: '资源类别', en: 'Resource class' },
  source: { zh: '数据来源', en: 'Source' },
  admin_code: { zh: '行政区划代码', en: 'Admin area code' },
  admin_name: { zh: '行政区', en: 'Admin area' },
  state: { zh: '状态', en: 'State' },
  reason: { zh: '原因', en: 'Reason' },
  manufacturer: { zh: '厂商', en: 'Manufacturer' },
  model: { zh: '型号', en: 'Model' },
  firmware: { zh: '固件版本', en: 'Firmware' },
  serial: { zh: '序列号', en: 'Serial number' },
  inventory_source: { zh: '设备信息来源', en: 'Inventory source' },
  rank: { zh: '排名', en: 'Rank' },
  id: { zh: '盲区编号', en: 'Blind spot ID' },
  target_id: { zh: '目标编号', en: 'Target ID' },
  target_name: { zh: '目标名称', en: 'Target name' },
  class: { zh: '目标类别', en: 'Target class' },
  measure: { zh: '大小', en: 'Size' },
  unit: { zh: '单位', en: 'Unit' },
  priority: { zh: '优先级', en: 'Priority' },
  score: { zh: '得分', en: 'Score' },
  level: { zh: '细节等级', en: 'Detail level' },
  area_code: { zh: '区域代码', en: 'Area code' },
  area_name: { zh: '区域名称', en: 'Area name' },
  // Why a blind spot is blind (explain=1): what is required and what the cameras near it achieve.
  required_level: { zh: '要求细节等级', en: 'Required level' },
  required_ppm: { zh: '要求像素密度（像素/米）', en: 'Required density (px/m)' },
  best_device_id: { zh: '最佳摄像机', en: 'Best camera' },
  best_ppm: { zh: '最佳像素密度（像素/米）', en: 'Best density (px/m)' },
  best_distance_m: { zh: '最佳摄像机距离（米）', en: 'Best camera distance (m)' },
  occluded_device_id: { zh: '被遮挡摄像机', en: 'Occluded camera' },
  occluded_ppm: { zh: '被遮挡摄像机像素密度（像素/米）', en: 'Occluded camera density (px/m)' },
  building_id: { zh: '遮挡建筑编号', en: 'Blocking building ID' },
  building_height_m: { zh: '遮挡建筑高度（米）', en: 'Blocking building height (m)' },
  building_height_assumed: { zh: '建筑高度为假定值', en: 'Building height assumed' },
  near_zone_device_id: { zh: '近端盲区摄像机', en: 'Near-zone camera' },
  near_zone_distance_m: { zh: '近端盲区摄像机距离（米）', en: 'Near-zone camera distance (m)' },
  near_zone_m: { zh: '近端盲区范围（米）', en: 'Near blind zone (m)' },
  down_device_id: { zh: '故障摄像机', en: 'Down camera' },
  down_state: { zh: '故障摄像机状态', en: 'Down camera state' },
  down_since: { zh: '故障开始时间', en: 'Down since' },
  nearest_device_id: { zh: '最近摄像机', en: 'Nearest camera' },
  nearest_distance_m: { zh: '最近摄像机距离（米）', en: 'Nearest camera distance (m)' },
  section: { zh: '部分', en: 'Section' },
  item: { zh: '项目', en: 'Item' },
  description: { zh: '说明', en: 'Description' },
  figure: { zh: '指标', en: 'Figure' },
  value: { zh: '数值', en: 'Value' },
  target: { zh: '目标值', en: 'Target' },
} as const satisfies Record<string, Term>;
export type ColumnCode = keyof typeof COLUMN_TERMS;

/** Every group of the glossary by name: what i18n tables and tests walk. */
export const GLOSSARY = {
  targetClass: TARGET_CLASS_TERMS,
  blindSpotReason: BLIND_SPOT_REASON_TERMS,
  level: DETAIL_LEVEL_TERMS,
  cameraType: CAMERA_TYPE_TERMS,
  adminLevel: ADMIN_LEVEL_TERMS,
  measure: MEASURE_TERMS,
  unit: UNIT_TERMS,
  column: COLUMN_TERMS,
} as const;
export type GlossaryGroup = keyof typeof GLOSSARY;

/** One group's terms in one language: `{ intersection: '道路交叉口', … }`. */
export function labels<G extends GlossaryGroup>(lang: Lang, group: G): { [K in keyof (typeof GLOSSARY)[G]]: string } {
  const out: Record<string, string> = {};
  for (const [code, t] of Object.entries(GLOSSARY[group] as Record<string, Term>)) out[code] = t[lang];
  return out as { [K in keyof (typeof GLOSSARY)[G]]: string };
}

/**
 * The term for a code of a group. A code the glossary lacks comes back as itself (data from a
 * newer server must still show), and the tests hold every code the product produces to a term.
 */
export function term(lang: Lang, group: GlossaryGroup, code: string): string {
  const t = (GLOSSARY[group] as Record<string, Term>)[code];
  return t === undefined ? code : t[lang];
}

export function hasTerm(group: GlossaryGroup, code: string): boolean {
  return Object.hasOwn(GLOSSARY[group], code);
}

const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

/** BCP 47 tag for Intl formatting. */
export function localeOf(lang: Lang): string {
  return LOCALE[lang];
}

// Intl formatters are costly to build and a report formats thousands of numbers: keep them.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(lang: Lang, style: 'decimal' | 'percent', digits: number): Intl.NumberFormat {
  const key = `${lang}:${style}:${digits}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(LOCALE[lang], { style, minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f;
}

export function formatNumber(lang: Lang, value: number, digits = 0): string {
  return formatter(lang, 'decimal', digits).format(value);
}

/** A fraction 0–1 as a percentage ("93.4%"); "—" for unknown (null), never 0 %. */
export function formatRate(lang: Lang, fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return formatter(lang, 'percent', digits).format(fraction);
}

/** A value in a display unit, with the unit ("12.35 公里", "4,210 m²"). */
export function formatInUnit(lang: Lang, unit: DisplayUnit, value: number): string {
  return UNIT_TERMS[unit][lang].replace('{{value}}', formatNumber(lang, value, UNIT_DIGITS[unit]));
}

/**
 * A class's measure as the API gives it (a count, metres of road, or m²) in that class's display
 * unit: roads in km, areas in m², intersections counted.
 */
export function formatClassMeasure(lang: Lang, cls: TargetClass, apiValue: number): string {
  const unit = CLASS_DISPLAY_UNIT[cls];
  return formatInUnit(lang, unit, unit === 'km' ? apiValue / 1000 : apiValue);
}
