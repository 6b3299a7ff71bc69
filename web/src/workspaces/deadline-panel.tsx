// Deadline panel: rates by class at 2020-12-31 and today, an ECharts line chart month by month
// with the 100 % target line and the deadline marked, and the projected 100 % date.
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../api/client';
import { reportError } from '../app/notices';
import { DEADLINE } from '../app/time-slider';
import { formatDate } from '../i18n';
import { CLASSES, readRates, type ClassRate } from './coverage-data';
import { RateBar } from './rate-bar';
import { apiProjection, projectFullCoverage, readTimeline, type TimelinePoint } from './timeline-data';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const CLASS_COLOURS: Record<string, string> = { intersection: '#0072b2', road: '#e69f00', hotspot: '#cc79a7', crowded_place: '#009e73' };

export function DeadlinePanel({ theme }: { theme: 'dark' | 'light' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [points, setPoints] = useState<TimelinePoint[]>([]);
  const [projection, setProjection] = useState<{ date: string | null; known: boolean }>({ date: null, known: false });
  const [atDeadline, setAtDeadline] = useState<ClassRate[]>([]);
  const [today, setToday] = useState<ClassRate[]>([]);
  const chartEl = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const ctl = new AbortController();
    void Promise.all([
      api<{ deadline?: unknown }>('/coverage/timeline', { signal: ctl.signal }).then(async (r) => {
        setPoints(readTimeline(r));
        setProjection(apiProjection(r));
        // The timeline carries the 2020-12-31 state; older servers need a second call.
        setAtDeadline(
          r.deadline ? readRates(r.deadline) : readRates(await api<unknown>(`/coverage${qs({ asOf: DEADLINE })}`, { signal: ctl.signal })),
        );
      }),
      api<unknown>('/coverage', { signal: ctl.signal }).then((r) => setToday(readRates(r))),
    ]).catch((e: unknown) => {
      if (!ctl.signal.aborted) reportError(e, 'workspace.deadline');
    });
    return () => ctl.abort();
  }, []);

  useEffect(() => {
    if (chartEl.current === null) return;
    const chart = echarts.init(chartEl.current, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    const months = points.map((p) => p.month);
    chart.setOption({
      backgroundColor: 'transparent',
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
      legend: { data: CLASSES.map((c) => t(`class.${c}`)) },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: CLASSES.map((c, i) => ({
        name: t(`class.${c}`),
        type: 'line',
        showSymbol: false,
        color: CLASS_COLOURS[c],
        data: points.map((p) => (p.rates[c] === null || p.rates[c] === undefined ? null : Math.round(p.rates[c]! * 1000) / 10)),
        markLine:
          i === 0
            ? {
                symbol: 'none',
                data: [
                  {
                    yAxis: 100,
                    name: t('deadline.targetLine'),
                    lineStyle: { type: 'dashed', color: '#d55e00' },
                    label: { formatter: t('deadline.targetLine') },
                  },
                  {
                    xAxis: DEADLINE.slice(0, 7),
                    name: t('deadline.deadlineMark'),
                    lineStyle: { color: '#d55e00' },
                    label: { formatter: t('deadline.deadlineMark') },
                  },
                ],
              }
            : undefined,
      })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [points, theme, t]);

  // The server's projection when it gives one; else a least-squares line through the last year.
  const projected = projection.known ? projection.date : projectFullCoverage(points);
  return (
    <section className="workspace" aria-labelledby="deadline-heading" data-testid="deadline-panel">
      <h2 id="deadline-heading">{t('deadline.heading')}</h2>
      <div className="two-col">
        <div>
          <h3>{formatDate(lang, DEADLINE)}</h3>
          {atDeadline.map((r) => (
            <RateBar key={r.cls} rate={r} testId={`deadline-rate-${r.cls}`} />
          ))}
        </div>
        <div>
          <h3>{t('deadline.today')}</h3>
          {today.map((r) => (
            <RateBar key={r.cls} rate={r} />
          ))}
        </div>
      </div>
      <h3>{t('deadline.chart')}</h3>
      <div ref={chartEl} className="chart" role="img" aria-label={t('deadline.chart')} data-testid="deadline-chart" />
      <p data-testid="projected">{projected === null ? t('deadline.never') : t('deadline.projected', { date: projected })}</p>
    </section>
  );
}
