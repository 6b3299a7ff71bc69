// Simplified Chinese (default). Keys are grouped by screen; en.ts mirrors every key.
export const zh = {
  app: { title: '雪亮 视频监控覆盖', generatedDemo: '生成的演示数据', osmAttribution: '© OpenStreetMap 贡献者', logout: '退出登录', theme: { dark: '深色', light: '浅色', toggle: '切换主题' }, language: 'English', loading: '加载中…', error: '出错了：{{message}}', close: '关闭' },
  login: { heading: '登录雪亮', username: '用户名', password: '密码', submit: '登录', failed: '登录失败：{{message}}', busy: '正在登录…' },
  workspace: { coverage: '覆盖', command: '指挥中心', planning: '规划', deadline: '期限' },
  time: { asOf: '截至日期', today: '今天', deadline: '2020-12-31 期限', slider: '时间轴：截至 {{date}}', firstInstall: '首台安装 {{date}}' },
  state: { OK: '正常', DEGRADED: '画面异常', CLOCK_SKEW: '时钟偏差', AUTH_FAILED: '认证失败', OFFLINE: '离线', UNREACHABLE: '不可达', NO_RESPONSE: '无响应', PROTOCOL_ERROR: '协议错误', UNKNOWN: '未知' },
  legend: { title: '图例', cameras: '摄像机状态', blindSpots: '盲区原因', cluster: '聚合（数量）' },
  reason: { no_camera: '无摄像机', occluded: '遮挡', low_detail: '细节不足', near_blind_zone: '近端盲区', camera_down: '摄像机故障' },
  class: { intersection: '路口', road: '道路', hotspot: '治安热点', crowded_place: '人员密集场所' },
  unit: { km: '{{value}} 公里', m2: '{{value}} 平方米', count: '{{value}} 个', percent: '{{value}}' },
  layers: { title: '图层', footprints: '视域', targets: '目标', blindSpots: '盲区', cameras: '摄像机', level: '细节等级' },
  card: { title: '摄像机', deviceId: '设备编码', type: '类型', optics: '光学参数', installed: '安装日期', removed: '拆除日期', state: '状态', since: '自 {{date}}', reason: '原因', availability24h: '24 小时可用性', availability30d: '30 天可用性', snapshot: '最新截图', height: '高度 {{value}} 米', azimuth: '方位 {{value}}°', hfov: '水平视场 {{value}}°', resolution: '分辨率 {{h}}×{{v}}', noData: '无数据' },
  point: { title: '该点的覆盖', none: '没有摄像机看到这一点', density: '{{value}} 像素/米', level: '等级 {{level}}' },
  coverage: { heading: '覆盖率', design: '设计覆盖', now: '当前覆盖', target: '目标 100%', area: '区域', allAreas: '全部区域', class: '类别', allClasses: '全部类别', level: '等级', defaultLevel: '按目标要求', blindSpots: '盲区排名', flyTo: '定位到 {{name}}', exports: '导出', exportCameras: '摄像机 GeoJSON', exportCamerasCsv: '摄像机 CSV', exportBlindSpots: '盲区 GeoJSON', exportReport: '覆盖报告', covered: '已覆盖 {{covered}} / {{total}}', drillDown: '下钻 {{name}}', back: '返回上级', noBlindSpots: '没有盲区', rate: '覆盖率' },
  command: { heading: '指挥中心', live: '实时', disconnected: '已断开，正在重连', counts: '按状态统计', onlineRate: '在线率', workingRate: '完好率', today: '今日', month: '本月', threshold: '阈值 {{value}}', county: '区县', alarms: '告警', noAlarms: '无告警', ack: '确认', acked: '已确认', lost: '损失覆盖 {{value}}', wall: '大屏模式', exitWall: '退出大屏', updated: '更新于 {{time}}' },
  planning: { heading: '规划', add: '点击地图添加摄像机', adding: '在地图上点击放置', proposed: '拟建摄像机 {{n}}', height: '高度（米）', azimuth: '方位（度）', tilt: '俯仰（度）', hfov: '水平视场（度）', resolution: '水平分辨率（像素）', remove: '删除', gain: '覆盖增益', gainTargets: '新覆盖目标 {{value}}', gainKm: '新覆盖道路 {{value}} 公里', gainM2: '新覆盖面积 {{value}} 平方米', before: '之前', after: '之后', server: '服务器确认', serverPending: '服务器计算中…', local: '本地预估', save: '保存方案', name: '方案名称', plans: '已保存方案', compare: '比较', export: '导出方案', suggest: '推荐选址', suggestUnavailable: '选址服务不可用', dragHint: '拖动圆点移动，拖动方向手柄旋转' },
  deadline: { heading: '2020 期限', atDeadline: '2020-12-31', today: '今天', projected: '按近期速度预计达到 100% 的日期：{{date}}', never: '按近期速度无法达到 100%', chart: '逐月覆盖率', targetLine: '目标 100%', deadlineMark: '期限' },
};
