// Deadline panel: rates by class at 2020-12-31 and today, with 在线率/完好率/联网率 beside them, an ECharts line chart month by month
// with the 100 % target line and the deadline marked, and the projected 100 % date.
// The chart is SVG with its text in the bundled Noto Sans SC (a canvas chart drew Chinese as
// empty boxes on machines without a CJK system font: a canvas neither waits for a web font nor
// redraws when it arrives; SVG text does both). Its legend has its own band under the axis, so it
// never covers the axis or the plot (issue 17); the plot's box is published in data-plot for the
// browser test that checks it.
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client';
import { DEADLINE } from '../app/time-slider';
import { formatDate } from '../i18n';
import { LABEL_FONT_FAMILY } from '../map/label-fonts';
import { CLASSES, classRates, readRates, type ClassRate } from './coverage-data';
import { DeadlineHealth, healthFromRollup, type HealthFigures } from './deadline-health';
import { NoMonitoring, nowUnknown } from './now-unknown';
import { RateBar } from './rate-bar';
import { apiProjection, projectFullCoverage, readTimeline, type TimelinePoint } from './timeline-data';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export const CLASS_COLOURS: Record<string, string> = {
  intersection: '#0072b2',
  road: '#e69f00',
  hotspot: '#cc79a7',
  crowded_place: '#009e73',
};
const CHART_FONT = `'${LABEL_FONT_FAMILY}', sans-serif`;
const FONT_LOAD_TIMEOUT_MS = 8000;
/** Height of the legend band: two rows of 12 px items, as four class names need in a 380 px panel. */
const LEGEND_BAND_PX = 52;

export function DeadlinePanel({ theme }: { theme: 'dark' | 'light' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [points, setPoints] = useState<TimelinePoint[]>([]);
  const [projection, setProjection] = useState<{ date: string | null; known: boolean }>({ date: null, known: false });
  const [atDeadline, setAtDeadline] = useState<ClassRate[]>([]);
  const [today, setToday] = useState<ClassRate[]>([]);
  const [nowAtDeadline, setNowAtDeadline] = useState<{ rates: ClassRate[]; unknown: boolean; statusFrom: string | null } | null>(null);
  const [nowToday, setNowToday] = useState<{ rates: ClassRate[]; unknown: boolean; statusFrom: string | null } | null>(null);
  const [healthAtDeadline, setHealthAtDeadline] = useState<HealthFigures | null>(null);
  const [healthToday, setHealthToday] = useState<HealthFigures | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chartEl = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const ctl = new AbortController();
    void Promise.all([
      get('/api/v1/coverage/timeline', { signal: ctl.signal }).then((r) => {
        setPoints(readTimeline(r));
        setProjection(apiProjection(r));
        setAtDeadline(classRates(r.deadline.classes));
      }),
      get('/api/v1/coverage', { signal: ctl.signal }).then((r) => setToday(readRates(r))),
      // Coverage now (working cameras) at the deadline and today: unknown before status records began.
      get('/api/v1/coverage', { params: { query: { asOf: DEADLINE, now: '1' } }, signal: ctl.signal }).then((r) =>
        setNowAtDeadline({ rates: readRates(r), ...nowUnknown(r) }),
      ),
      get('/api/v1/coverage', { params: { query: { now: '1' } }, signal: ctl.signal }).then((r) =>
        setNowToday({ rates: readRates(r), ...nowUnknown(r) }),
      ),
      // 在线率, 完好率 and 联网率 beside coverage: the fleet's record of the deadline day, and now.
      get('/api/v1/status/rollups', {
        params: { query: { level: 'all', period: 'day', from: DEADLINE, to: DEADLINE } },
        signal: ctl.signal,
      }).then((r) => setHealthAtDeadline(healthFromRollup(r.rows))),
      get('/api/v1/status/summary', { signal: ctl.signal }).then((s) =>
        setHealthToday({
          online: s.onlineRate,
          working: s.workingRate,
          networked: s.networkedRate,
          thresholds: { online: s.thresholds.online, working: s.thresholds.working, networked: s.thresholds.networked },
        }),
      ),
    ]).catch((e: unknown) => {
      // Said on the panel: empty bars would read as figures of nothing.
      if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    });
    return () => ctl.abort();
  }, []);

  useEffect(() => {
    const el = chartEl.current;
    if (el === null) return;
    let disposed = false;
    let chart: echarts.ECharts | null = null;
    const months = points.map((p) => p.month);
    const names = CLASSES.map((c) => t(`class.${c}`));
    const marks = [t('deadline.targetLine'), t('deadline.deadlineMark')];
    const onResize = () => chart?.resize();
    // The font's unicode-range subsets load only when text needs them: load the chart's first, so
    // the legend is laid out with the real glyph widths.
    void Promise.race([
      document.fonts.load(`12px ${CHART_FONT}`, [...names, ...marks, '0123456789%'].join('')),
      new Promise((resolve) => setTimeout(resolve, FONT_LOAD_TIMEOUT_MS)),
    ]).then(() => {
      if (disposed) return;
      chart = echarts.init(el, theme === 'dark' ? 'dark' : undefined, { renderer: 'svg' });
      chart.on('finished', () => {
        if (chart === null || months.length === 0) return;
        const [x0, y0] = chart.convertToPixel({ gridIndex: 0 }, [0, 100]) as number[];
        const [x1, y1] = chart.convertToPixel({ gridIndex: 0 }, [months.length - 1, 0]) as number[];
        el.dataset.plot = [x0, y0, x1, y1].map((v) => Math.round(v!)).join(',');
      });
      chart.setOption({
        backgroundColor: 'transparent',
        textStyle: { fontFamily: CHART_FONT },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
        legend: { data: names, bottom: 0, left: 'center', itemGap: 12, textStyle: { fontFamily: CHART_FONT } },
        grid: { left: 8, right: 16, top: 16, bottom: LEGEND_BAND_PX, containLabel: true },
        xAxis: { type: 'category', data: months },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: CLASSES.map((c, i) => ({
          name: names[i],
          type: 'line',
          showSymbol: false,
          color: CLASS_COLOURS[c],
          data: points.map((p) => (p.rates[c] === null || p.rates[c] === undefined ? null : Math.round(p.rates[c]! * 1000) / 10)),
          markLine:
            i === 0
              ? {
                  symbol: 'none',
                  // Labels inside the plot: at the line's end they would spill over the chart's edge.
                  data: [
                    {
                      yAxis: 100,
                      name: marks[0],
                      lineStyle: { type: 'dashed', color: '#d55e00' },
                      label: { formatter: marks[0], position: 'insideStartBottom' },
                    },
                    {
                      xAxis: DEADLINE.slice(0, 7),
                      name: marks[1],
                      lineStyle: { color: '#d55e00' },
                      label: { formatter: marks[1], position: 'insideEndTop' },
                    },
                  ],
                }
              : undefined,
        })),
      });
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
      delete el.dataset.plot;
    };
  }, [points, theme, t]);

  // The server's projection when it gives one; else a least-squares line through the last year.
  const projected = projection.known ? projection.date : projectFullCoverage(points);
  return (
    <section className="workspace" aria-labelledby="deadline-heading" data-testid="deadline-panel">
      <h2 id="deadline-heading">{t('deadline.heading')}</h2>
      {error !== null && (
        <p role="alert" className="error" data-testid="deadline-error">
          {t('app.error', { message: error })}
        </p>
      )}
      <div className="two-col">
        <div>
          <h3>{formatDate(lang, DEADLINE)}</h3>
          <h4>{t('deadline.design')}</h4>
          {atDeadline.map((r) => (
            <RateBar key={r.cls} rate={r} testId={`deadline-rate-${r.cls}`} />
          ))}
          <h4>{t('deadline.now')}</h4>
          {nowAtDeadline?.unknown === true && <NoMonitoring statusFrom={nowAtDeadline.statusFrom} testId="deadline-now-unknown" />}
          {(nowAtDeadline?.rates ?? []).map((r) => (
            <RateBar key={r.cls} rate={r} testId={`deadline-now-${r.cls}`} />
          ))}
          <h4>{t('deadline.health')}</h4>
          <DeadlineHealth figures={healthAtDeadline} testId="deadline-health" />
        </div>
        <div>
          <h3>{t('deadline.today')}</h3>
          <h4>{t('deadline.design')}</h4>
          {today.map((r) => (
            <RateBar key={r.cls} rate={r} />
          ))}
          <h4>{t('deadline.now')}</h4>
          {nowToday?.unknown === true && <NoMonitoring statusFrom={nowToday.statusFrom} />}
          {(nowToday?.rates ?? []).map((r) => (
            <RateBar key={r.cls} rate={r} testId={`today-now-${r.cls}`} />
          ))}
          <h4>{t('deadline.health')}</h4>
          <DeadlineHealth figures={healthToday} testId="today-health" />
        </div>
      </div>
      <h3>{t('deadline.chart')}</h3>
      <div ref={chartEl} className="chart" role="img" aria-label={t('deadline.chart')} data-testid="deadline-chart" />
      <p data-testid="projected">{projected === null ? t('deadline.never') : t('deadline.projected', { date: projected })}</p>
    </section>
  );
}
