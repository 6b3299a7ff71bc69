// Chinese names for generated features. Every name shown to a user carries "演示" (demo) or
// "(generated)", so nobody mistakes the demo county for real Ankang data.
import type { Prng } from './prng';

export const DEMO_MARK = '（演示）';

const TOWN_STEMS = [
  '城关',
  '恒口',
  '五里',
  '大同',
  '关庙',
  '流水',
  '张滩',
  '瀛湖',
  '吉河',
  '建民',
  '石梯',
  '县河',
  '谭坝',
  '早阳',
  '晏坝',
  '茨沟',
  '大竹园',
  '双龙',
  '紫荆',
  '牛蹄',
  '中原',
  '叶坪',
  '新坝',
  '梅子',
  '月河',
  '东镇',
  '洄水',
  '铁佛',
  '平梁',
  '涧池',
  '漩涡',
  '蒲溪',
  '汉王',
  '石泉',
  '喜河',
  '两河',
];
/** Pinyin of the town stems, for English names. */
const TOWN_PINYIN: Record<string, string> = {
  城关: 'Chengguan',
  恒口: 'Hengkou',
  五里: 'Wuli',
  大同: 'Datong',
  关庙: 'Guanmiao',
  流水: 'Liushui',
  张滩: 'Zhangtan',
  瀛湖: 'Yinghu',
  吉河: 'Jihe',
  建民: 'Jianmin',
  石梯: 'Shiti',
  县河: 'Xianhe',
  谭坝: 'Tanba',
  早阳: 'Zaoyang',
  晏坝: 'Yanba',
  茨沟: 'Cigou',
  大竹园: 'Dazhuyuan',
  双龙: 'Shuanglong',
  紫荆: 'Zijing',
  牛蹄: 'Niuti',
  中原: 'Zhongyuan',
  叶坪: 'Yeping',
  新坝: 'Xinba',
  梅子: 'Meizi',
  月河: 'Yuehe',
  东镇: 'Dongzhen',
  洄水: 'Huishui',
  铁佛: 'Tiefo',
  平梁: 'Pingliang',
  涧池: 'Jianchi',
  漩涡: 'Xuanwo',
  蒲溪: 'Puxi',
  汉王: 'Hanwang',
  石泉: 'Shiquan',
  喜河: 'Xihe',
  两河: 'Lianghe',
  新城: 'Xincheng',
};

export function townNameEn(stem: string): string {
  return `${TOWN_PINYIN[stem] ?? stem} Town (generated demo)`;
}

const VILLAGE_STEMS = [
  '柳树',
  '石门',
  '白杨',
  '桃园',
  '龙井',
  '茶园',
  '竹林',
  '枫树',
  '青山',
  '黄土',
  '马坪',
  '高坡',
  '金星',
  '双河',
  '新华',
  '长岭',
  '红光',
  '凤凰',
  '花园',
  '松树',
  '水田',
  '鹿鸣',
  '云雾',
  '清泉',
];
const STREET_STEMS = [
  '兴安',
  '巴山',
  '汉滨',
  '金州',
  '育才',
  '新城',
  '建设',
  '文化',
  '长春',
  '香溪',
  '鼓楼',
  '西城',
  '东坝',
  '江北',
  '南门',
  '北环',
  '友谊',
  '和平',
  '大桥',
  '解放',
  '人民',
  '滨江',
  '朝阳',
  '安康',
];
const STREET_SUFFIX = ['路', '街', '大道'];

/** Stems of Ankang's real county names, reused (marked 演示) for the extra counties of M and L. */
const COUNTY_STEMS = [
  ['安康', 'Ankang'],
  ['汉阴', 'Hanyin'],
  ['石泉', 'Shiquan'],
  ['宁陕', 'Ningshan'],
  ['紫阳', 'Ziyang'],
  ['岚皋', 'Langao'],
  ['平利', 'Pingli'],
  ['镇坪', 'Zhenping'],
  ['旬阳', 'Xunyang'],
  ['白河', 'Baihe'],
] as const;

/** The name already says 演示 (demo); the suffix says the data is generated. */
export function countyName(index: number): { zh: string; en: string; short: string } {
  const [zh, en] = COUNTY_STEMS[index % COUNTY_STEMS.length] as readonly [string, string];
  const round = Math.floor(index / COUNTY_STEMS.length);
  const n = round === 0 ? '' : String(round + 1);
  return {
    zh: `${zh}演示县${n}（生成数据）`,
    en: `${en} Demo County${n === '' ? '' : ` ${n}`} (generated demo)`,
    short: `${zh}演示县${n}`,
  };
}

export function cityName(): { zh: string; en: string } {
  return { zh: '安康演示市（生成数据）', en: 'Ankang Demo City (generated demo)' };
}

export function townStem(countyIndex: number, townIndex: number): string {
  if (townIndex === 0) return '城关';
  const stem = TOWN_STEMS[(countyIndex * 7 + townIndex) % TOWN_STEMS.length] as string;
  return stem === '城关' ? '新城' : stem;
}

export function villageName(rng: Prng): string {
  return `${rng.pick(VILLAGE_STEMS)}村`;
}

/** A street name; `index` makes grid streets distinct inside one town. */
export function streetName(townStemText: string, index: number, rng: Prng): string {
  const stem = STREET_STEMS[index % STREET_STEMS.length] as string;
  const prefix = index < STREET_STEMS.length ? '' : townStemText;
  return `${prefix}${stem}${rng.pick(STREET_SUFFIX)}${DEMO_MARK}`;
}

const CARDINAL_ZH = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];

/** 北/东北/东/... for a compass bearing: camera names say which way they look. */
export function cardinalZh(azimuthDeg: number): string {
  return CARDINAL_ZH[Math.round(azimuthDeg / 45) % 8] as string;
}
