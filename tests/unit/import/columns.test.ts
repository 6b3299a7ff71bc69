import { describe, expect, it } from 'vitest';
import { mapHeaders, normaliseHeader } from '../../../gis-data/ledger/columns';

describe('ledger header mapping', () => {
  it('maps the usual Chinese headers of 一机一档 ledgers', () => {
    const { mapping, unmapped } = mapHeaders([
      '设备国标编码',
      '点位名称',
      '摄像机类型',
      '经度',
      '纬度',
      '安装高度(米)',
      '朝向',
      '俯仰角',
      '水平视场角',
      '分辨率',
      '建设时间',
      '拆除日期',
      'ONVIF地址',
      '用户名',
      '密码',
      '备注',
    ]);
    expect(mapping).toMatchObject({
      设备国标编码: 'device_id',
      点位名称: 'name',
      摄像机类型: 'type',
      经度: 'lon',
      纬度: 'lat',
      '安装高度(米)': 'height_m',
      朝向: 'azimuth_deg',
      俯仰角: 'tilt_deg',
      水平视场角: 'hfov_deg',
      分辨率: 'resolution',
      建设时间: 'install_date',
      拆除日期: 'removal_date',
      ONVIF地址: 'onvif_url',
      用户名: 'onvif_user',
      密码: 'onvif_password',
    });
    expect(unmapped).toEqual(['备注']);
  });
  it('maps English canonical names whatever their case and spacing', () => {
    const { mapping } = mapHeaders(['Device_ID', 'Height (m)', 'azimuth deg', 'LAT', 'Longitude']);
    expect(mapping).toEqual({
      Device_ID: 'device_id',
      'Height (m)': 'height_m',
      'azimuth deg': 'azimuth_deg',
      LAT: 'lat',
      Longitude: 'lon',
    });
  });
  it('lets an explicit mapping override auto-detection and ignore a column', () => {
    const { mapping } = mapHeaders(['编号', 'X坐标', 'Y坐标', '名称'], { 编号: 'device_id', X坐标: 'lon', Y坐标: 'lat', 名称: '' });
    expect(mapping).toEqual({ 编号: 'device_id', X坐标: 'lon', Y坐标: 'lat' });
  });
  it('refuses a mapping to a column that does not exist, naming it', () => {
    expect(() => mapHeaders(['a'], { a: 'devise_id' })).toThrow(/devise_id/);
  });
  it('does not let two headers fill one column (the second is reported unmapped)', () => {
    const r = mapHeaders(['经度', 'lon']);
    expect(r.mapping).toEqual({ 经度: 'lon' });
    expect(r.unmapped).toEqual(['lon']);
  });
  it('strips a BOM and bracketed units when normalising', () => {
    expect(normaliseHeader('\uFEFF安装高度（米）')).toBe('安装高度');
  });
});
