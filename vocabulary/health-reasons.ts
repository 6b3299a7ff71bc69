// The agent's reason codes in words: a zh-CN and an English label and one line of what to check,
// for every code the agent can give (HEALTH_REASONS in camera-health.ts, which its decision
// functions are typed by). The command center, the camera card, the report and the CLI show these
// rather than the raw code. Typed by HealthReason, so a new code without words does not compile.
// Pure: the browser imports it too.
import { HEALTH_REASONS, isHealthReason, type HealthReason } from './camera-health';

export interface ReasonWords {
  zh: string;
  en: string;
  /** What to check first, zh-CN. */
  checkZh: string;
  /** What to check first, English. */
  checkEn: string;
}

export const REASON_WORDS: Readonly<Record<HealthReason, ReasonWords>> = Object.freeze({
  ok: { zh: '正常', en: 'OK', checkZh: '无需处理', checkEn: 'Nothing to do' },
  'connect-refused': {
    zh: '连接被拒绝',
    en: 'Connection refused',
    checkZh: '摄像机是否通电、ONVIF 服务端口是否开启',
    checkEn: 'Power to the camera, and that its ONVIF port is open',
  },
  'connect-timeout': {
    zh: '连接超时',
    en: 'Connection timed out',
    checkZh: '网络链路、交换机和光纤收发器',
    checkEn: 'The network path: switch, fibre transceiver, VLAN',
  },
  deadline: {
    zh: '应答超时',
    en: 'No answer in time',
    checkZh: '摄像机负载或网络拥塞，必要时重启设备',
    checkEn: 'Camera load or network congestion; restart the camera if it persists',
  },
  'connection-reset': {
    zh: '连接被重置',
    en: 'Connection reset',
    checkZh: '防火墙或设备在重启，查看设备日志',
    checkEn: 'A firewall, or the camera rebooting; read its log',
  },
  'poll-budget': {
    zh: '巡检时间用尽',
    en: 'Poll took too long',
    checkZh: '设备响应很慢，检查网络时延和设备负载',
    checkEn: 'The camera answers very slowly: network latency and camera load',
  },
  'not-soap': {
    zh: '应答不是 ONVIF',
    en: 'Answer is not ONVIF',
    checkZh: '地址是否指向摄像机（而不是代理或网页）',
    checkEn: 'That the address points at the camera, not a proxy or web page',
  },
  'dtd-refused': {
    zh: '应答含不安全的 XML',
    en: 'Unsafe XML in the answer',
    checkZh: '设备固件或中间设备是否被篡改',
    checkEn: 'The firmware, or whatever sits between us and the camera',
  },
  'bad-encoding': {
    zh: '应答编码错误',
    en: 'Badly encoded answer',
    checkZh: '设备固件版本，必要时升级',
    checkEn: 'The firmware version; upgrade if needed',
  },
  'body-too-large': {
    zh: '应答过大',
    en: 'Answer too large',
    checkZh: '地址是否指向摄像机，设备固件是否异常',
    checkEn: 'That the address is the camera, and its firmware',
  },
  'redirect-refused': {
    zh: '应答为重定向',
    en: 'Redirected',
    checkZh: '地址是否正确（HTTP/HTTPS、端口、路径）',
    checkEn: 'The address: scheme, port and path',
  },
  'tls-rejected': {
    zh: '证书不受信任',
    en: 'TLS certificate refused',
    checkZh: '设备证书是否过期或被替换',
    checkEn: "Whether the camera's certificate expired or was replaced",
  },
  'blocked-port': {
    zh: '端口不允许',
    en: 'Port not allowed',
    checkZh: '台账中的设备地址端口',
    checkEn: "The port in the camera's address in the ledger",
  },
  'soap-fault': {
    zh: '设备返回错误',
    en: 'Camera returned a fault',
    checkZh: '设备的 ONVIF 服务是否启用、固件是否正常',
    checkEn: 'That ONVIF is enabled on the camera, and its firmware',
  },
  'unexpected-answer': {
    zh: '应答不符合协议',
    en: 'Unexpected answer',
    checkZh: '设备型号与固件是否支持 ONVIF',
    checkEn: 'That the model and firmware support ONVIF',
  },
  'clock-offset': {
    zh: '时钟偏差',
    en: 'Clock skew',
    checkZh: '摄像机的 NTP 校时设置',
    checkEn: 'NTP time sync on the camera',
  },
  'not-authorized': {
    zh: '认证失败',
    en: 'Not authorised',
    checkZh: '平台保存的设备用户名和密码',
    checkEn: 'The user name and password stored for the camera',
  },
  locked: {
    zh: '账户被锁定',
    en: 'Account locked',
    checkZh: '设备账户锁定策略，稍后或在现场解锁',
    checkEn: "The camera's lock-out policy; unlock it on site or wait",
  },
  replaced: {
    zh: '设备被更换',
    en: 'Camera replaced',
    checkZh: '序列号变化：核对台账并更新设备信息',
    checkEn: 'The serial changed: check the ledger and update the record',
  },
  'firmware-changed': {
    zh: '固件已变更',
    en: 'Firmware changed',
    checkZh: '确认升级是计划内的',
    checkEn: 'That the upgrade was planned',
  },
  rebooted: {
    zh: '设备重启过',
    en: 'Camera rebooted',
    checkZh: '供电是否稳定',
    checkEn: 'That the power supply is stable',
  },
  'resolution-changed': {
    zh: '分辨率已变更',
    en: 'Resolution changed',
    checkZh: '编码设置是否被修改',
    checkEn: 'Whether the encoder settings were changed',
  },
  'no-stream-uri': {
    zh: '无视频流地址',
    en: 'No stream address',
    checkZh: '设备媒体配置（Profile）',
    checkEn: "The camera's media profiles",
  },
  'snapshot-failed': {
    zh: '抓图失败',
    en: 'Snapshot failed',
    checkZh: '设备抓图服务和编码器',
    checkEn: "The camera's snapshot service and encoder",
  },
  'snapshot-not-image': {
    zh: '抓图不是图片',
    en: 'Snapshot is not a picture',
    checkZh: '抓图地址和设备固件',
    checkEn: 'The snapshot address and the firmware',
  },
  'black-picture': {
    zh: '黑屏',
    en: 'Black picture',
    checkZh: '镜头遮挡、补光灯或图像传感器',
    checkEn: 'A covered lens, the IR lights or the sensor',
  },
  'frozen-picture': {
    zh: '画面冻结',
    en: 'Frozen picture',
    checkZh: '编码器卡死，重启设备',
    checkEn: 'A stuck encoder: restart the camera',
  },
});

/**
 * The GB/T 28181 networking reasons (联网: registration and keepalive, camera-agent/gb28181),
 * a fact beside the ONVIF state (see camera-health.ts).
 */
export const NETWORK_REASONS = ['registered', 'keepalive', 'keepalive-missed', 'unregistered', 'expired'] as const;
export type NetworkReason = (typeof NETWORK_REASONS)[number];

export const NETWORK_REASON_WORDS: Readonly<Record<NetworkReason, ReasonWords>> = Object.freeze({
  registered: { zh: '已注册', en: 'Registered', checkZh: '无需处理', checkEn: 'Nothing to do' },
  keepalive: { zh: '心跳恢复', en: 'Keepalive resumed', checkZh: '无需处理', checkEn: 'Nothing to do' },
  'keepalive-missed': {
    zh: '心跳丢失',
    en: 'Keepalives missed',
    checkZh: '设备到平台的网络（SIP 端口、NAT）',
    checkEn: 'The network from the device to the platform (SIP port, NAT)',
  },
  unregistered: {
    zh: '已注销',
    en: 'Unregistered',
    checkZh: '设备是否被停用或重新配置',
    checkEn: 'Whether the device was retired or reconfigured',
  },
  expired: {
    zh: '注册过期',
    en: 'Registration expired',
    checkZh: '设备的注册有效期和平台地址设置',
    checkEn: "The device's registration expiry and platform address",
  },
});

const isNetworkReason = (v: string): v is NetworkReason => (NETWORK_REASONS as readonly string[]).includes(v);

/** The words for a code in a language ('en' or zh-CN otherwise); an unknown code is shown as is. */
export function reasonWords(code: string, lang: string): { label: string; check: string | null } {
  const w = isHealthReason(code) ? REASON_WORDS[code] : isNetworkReason(code) ? NETWORK_REASON_WORDS[code] : undefined;
  if (w === undefined) return { label: code, check: null };
  return lang.startsWith('en') ? { label: w.en, check: w.checkEn } : { label: w.zh, check: w.checkZh };
}

/** Every code the agent can give (for tests and the glossary). */
export const REASON_CODES = Object.keys(HEALTH_REASONS) as HealthReason[];
