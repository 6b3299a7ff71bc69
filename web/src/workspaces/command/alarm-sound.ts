// An optional chime on new alarms, made with WebAudio (no sound file to fetch), off by default and
// remembered in localStorage. Browsers start audio only after a user gesture: the toggle is one.
import { testHook } from '../../map/test-hook';
const KEY = 'xl.alarmSound';

export function soundEnabled(): boolean {
  return localStorage.getItem(KEY) === 'on';
}

export function setSoundEnabled(on: boolean): void {
  localStorage.setItem(KEY, on ? 'on' : 'off');
}

let ctx: AudioContext | null = null;

/** Two short descending tones; counts plays on window.__xl for the browser test. */
export function chime(): void {
  ctx ??= new AudioContext();
  const t0 = ctx.currentTime;
  for (const [i, hz] of [880, 660].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.2, t0 + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.001, t0 + i * 0.18 + 0.16);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0 + i * 0.18);
    osc.stop(t0 + i * 0.18 + 0.17);
  }
  const hook = testHook();
  hook.chimes = (hook.chimes ?? 0) + 1;
}
