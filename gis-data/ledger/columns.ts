// The canonical ledger columns (docs/cli.md) and the headers 一机一档 ledgers use for them.
// Matching ignores case, spaces, underscores, brackets and units in brackets, so "安装高度(米)",
// "Height_m" and "height (m)" all find height_m. The glossary's column labels (both languages)
// are headers too: the camera export writes them, so an exported ledger imports again.
import { COLUMN_TERMS } from '../../vocabulary/glossary';

export const CANONICAL_COLUMNS = [
  'device_id',
  'name',
  'type',
  'lon',
  'lat',
  'height_m',
  'azimuth_deg',
  'tilt_deg',
  'hfov_deg',
  'vfov_deg',
  'resolution_h',
  'resolution_v',
  'install_date',
  'removal_date',
  'onvif_url',
  'onvif_user',
  'onvif_password',
  // GB/T 28181 registration password (国标密码), encrypted like the ONVIF one.
  'gb_password',
  // Not canonical in the brief but common in ledgers: a combined resolution ("1920*1080"), the owner.
  'resolution',
  'owner_unit',
  // Resource class by owner: 一类 / 二类 / 三类 (vocabulary/resource-classes.ts).
  'resource_class',
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

const ALIASES: Record<CanonicalColumn, string[]> = {
  device_id: ['设备编码', '设备国标编码', '国标编码', '国标编号', '设备编号', '设备id', 'deviceid', 'gbid', 'id', '编码'],
  name: ['设备名称', '点位名称', '名称', '摄像机名称', '监控点名称', 'devicename'],
  type: ['摄像机类型', '设备类型', '类型', '摄像机形态', 'cameratype', 'ptztype'],
  lon: ['经度', 'longitude', 'lng', 'long', 'x'],
  lat: ['纬度', 'latitude', 'y'],
  height_m: ['安装高度', '高度', '架设高度', 'height', 'mountheight'],
  azimuth_deg: ['方向角', '朝向', '方位角', '拍摄方向', 'azimuth', 'direction', 'heading', 'bearing'],
  tilt_deg: ['俯仰角', '俯角', '倾角', 'tilt', 'pitch'],
  hfov_deg: ['水平视场角', '水平视角', 'hfov', 'horizontalfov'],
  vfov_deg: ['垂直视场角', '垂直视角', 'vfov', 'verticalfov'],
  resolution_h: ['水平分辨率', 'resolutionh', 'width'],
  resolution_v: ['垂直分辨率', 'resolutionv'],
  install_date: ['安装日期', '建设时间', '安装时间', '建设日期', '启用日期', 'installdate', 'installed'],
  removal_date: ['拆除日期', '拆除时间', '撤销日期', 'removaldate', 'removed'],
  onvif_url: ['onvif地址', 'onvifurl', '接入地址', 'ip地址', 'url'],
  onvif_user: ['用户名', '账号', 'onvifuser', 'username', 'user'],
  onvif_password: ['密码', 'onvifpassword', 'password'],
  gb_password: ['国标密码', 'gb28181密码', 'sip密码', '注册密码', '国标注册密码', 'gbpassword', 'sippassword', 'gb28181password'],
  resolution: ['分辨率', 'resolution'],
  owner_unit: ['建设单位', '管理单位', '所属单位', '权属单位', 'owner', 'ownerunit'],
  resource_class: [
    '资源类别',
    '资源分类',
    '资源类型',
    '点位类别',
    '点位分类',
    '监控类别',
    '建设类别',
    '类别',
    'resourceclass',
    'resourcetype',
    'class',
  ],
};

/** Header text reduced to what identifies it: lower case, no spaces/underscores/punctuation/bracketed units. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s_\-:：.·/]/g, '');
}

const LOOKUP = new Map<string, CanonicalColumn>();
for (const col of CANONICAL_COLUMNS) {
  LOOKUP.set(normaliseHeader(col), col);
  for (const a of ALIASES[col]) LOOKUP.set(normaliseHeader(a), col);
  for (const label of Object.values(COLUMN_TERMS[col])) LOOKUP.set(normaliseHeader(label), col);
}

export interface HeaderMapping {
  /** Source header → canonical column, for every header that maps. */
  mapping: Record<string, CanonicalColumn>;
  unmapped: string[];
}

/**
 * Maps source headers to canonical columns: an explicit override first (header → column, or
 * header → "" to ignore a column), then the alias table. A canonical column claimed twice keeps
 * the first header; the later one is reported unmapped.
 */
export function mapHeaders(headers: readonly string[], override: Record<string, string> = {}): HeaderMapping {
  // Header names are data: a column (or GeoJSON property) called __proto__ or constructor must
  // neither read Object.prototype from `override` nor set the prototype of `mapping`.
  const mapping = Object.create(null) as Record<string, CanonicalColumn>;
  const unmapped: string[] = [];
  const taken = new Set<CanonicalColumn>();
  for (const h of headers) {
    const o = Object.hasOwn(override, h) ? override[h] : undefined;
    let col: CanonicalColumn | undefined;
    if (o !== undefined) {
      if (o !== '' && !(CANONICAL_COLUMNS as readonly string[]).includes(o)) {
        throw new Error(`--mapping maps "${h}" to "${o}", which is not a column (use one of: ${CANONICAL_COLUMNS.join(', ')})`);
      }
      col = o === '' ? undefined : (o as CanonicalColumn);
    } else {
      col = LOOKUP.get(normaliseHeader(h));
    }
    if (col === undefined || taken.has(col)) {
      if (h !== '') unmapped.push(h);
      continue;
    }
    taken.add(col);
    mapping[h] = col;
  }
  return { mapping, unmapped };
}
