// Prometheus metrics kept in memory: request counts and latency histograms per route pattern.
// Gauges that live in the database (cameras by state) are read at scrape time by the route.

const BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(obj: Record<string, string>): string {
  return `{${Object.entries(obj)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',')}}`;
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const reqKey = JSON.stringify([method, route, String(status)]);
    this.requests.set(reqKey, (this.requests.get(reqKey) ?? 0) + 1);
    const durKey = JSON.stringify([method, route]);
    let h = this.durations.get(durKey);
    if (h === undefined) {
      h = { counts: BUCKETS_SECONDS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(durKey, h);
    }
    BUCKETS_SECONDS.forEach((b, i) => {
      if (seconds <= b) h!.counts[i]! += 1;
    });
    h.sum += seconds;
    h.count += 1;
  }

  /** The request metrics in Prometheus text format (extra families are appended by the caller). */
  render(): string {
    const out: string[] = [
      '# HELP xueliang_http_requests_total HTTP requests by method, route pattern and status.',
      '# TYPE xueliang_http_requests_total counter',
    ];
    for (const [key, n] of this.requests) {
      const [method, route, status] = JSON.parse(key) as [string, string, string];
      out.push(`xueliang_http_requests_total${labels({ method, route, status })} ${n}`);
    }
    out.push('# HELP xueliang_http_request_duration_seconds HTTP request latency by method and route pattern.');
    out.push('# TYPE xueliang_http_request_duration_seconds histogram');
    for (const [key, h] of this.durations) {
      const [method, route] = JSON.parse(key) as [string, string];
      BUCKETS_SECONDS.forEach((b, i) =>
        out.push(`xueliang_http_request_duration_seconds_bucket${labels({ method, route, le: String(b) })} ${h.counts[i]}`),
      );
      out.push(`xueliang_http_request_duration_seconds_bucket${labels({ method, route, le: '+Inf' })} ${h.count}`);
      out.push(`xueliang_http_request_duration_seconds_sum${labels({ method, route })} ${h.sum}`);
      out.push(`xueliang_http_request_duration_seconds_count${labels({ method, route })} ${h.count}`);
    }
    return `${out.join('\n')}\n`;
  }
}
