// The dataset's day: one time zone per dataset (settings key `time_zone`, an IANA name, default
// Asia/Shanghai), and every date rule reads its days there: "today" of the coverage engine (which
// cameras stand, which status counts as now), the agent's daily 在线率/完好率 aggregates, the status
// read side, the CLI and the API's date defaults, and the SQL (xl_time_zone(), xl_local_day(),
// xl_today(), migration 0085). Before, the engine took the UTC date and the agent UTC+8, so for
// eight hours a day (00:00-08:00 in China) they named different days.
// Pure: Intl only (ICU's time-zone database, the same IANA names PostgreSQL knows), so the
// browser can use it too.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA time-zone name this runtime knows (e.g. "Asia/Shanghai", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(timeZone: string, atMs: number): { y: number; m: number; d: number; hh: number; mm: number; ss: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(atMs)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year!, m: parts.month!, d: parts.day!, hh: parts.hour!, mm: parts.minute!, ss: parts.second! };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The last day looked up per zone, with the instants it spans: the camera agent asks for the
 *  day of every poll (10,000 a minute), and Intl's formatToParts is the costly part. */
const lastDay = new Map<string, { day: string; startMs: number; endMs: number }>();

/** The day an instant falls on and the instant the next day begins, from the cache when it spans `atMs`. */
function dayRange(timeZone: string, atMs: number): { day: string; endMs: number } {
  const hit = lastDay.get(timeZone);
  if (hit !== undefined && atMs >= hit.startMs && atMs < hit.endMs) return hit;
  const w = wallClock(timeZone, atMs);
  const day = `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)}`;
  const startMs = dayStartMs(timeZone, day);
  const endMs = dayStartMs(timeZone, addDays(day, 1));
  // Cached only when the bounds agree with the lookup (they always should; a zone's history
  // could be odd enough somewhere that they do not, and then the answer is simply not cached).
  if (startMs <= atMs && atMs < endMs) lastDay.set(timeZone, { day, startMs, endMs });
  return { day, endMs };
}

/** The day (YYYY-MM-DD) an instant falls on in the dataset's time zone. */
export function dayIn(timeZone: string, atMs: number = Date.now()): string {
  return dayRange(timeZone, atMs).day;
}

/** The zone's offset from UTC at an instant, in milliseconds (+8 h for Asia/Shanghai). */
export function utcOffsetMs(timeZone: string, atMs: number): number {
  const w = wallClock(timeZone, atMs);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm, w.ss);
  return asUtc - Math.floor(atMs / 1000) * 1000;
}

/** The instant a day (YYYY-MM-DD) begins in the zone: its local midnight (DST-safe). */
export function dayStartMs(timeZone: string, day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // The offset at midnight may differ from the offset a few hours away (DST): settle it twice.
  let at = wall - utcOffsetMs(timeZone, wall);
  at = wall - utcOffsetMs(timeZone, at);
  return at;
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Splits [fromMs, toMs) into the milliseconds that fall on each day of the zone. */
export function splitByDay(fromMs: number, toMs: number, timeZone: string): Array<{ day: string; ms: number }> {
  const out: Array<{ day: string; ms: number }> = [];
  let t = fromMs;
  while (t < toMs) {
    const { day, endMs: next } = dayRange(timeZone, t);
    // A zone change can never move the next midnight behind t; guard anyway so the loop ends.
    const end = Math.min(toMs, next > t ? next : t + DAY_MS);
    out.push({ day, ms: end - t });
    t = end;
  }
  return out;
}
