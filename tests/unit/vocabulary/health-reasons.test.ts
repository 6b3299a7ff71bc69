// Reasons in words (issue 17): the command center showed raw codes (`black-picture`,
// `clock-offset`). Every code the agent can produce has a zh-CN and an English label and a line of
// what to check; this test reads the agent's sources, so a new code without words fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEALTH_REASONS } from '../../../vocabulary/camera-health';
import { NETWORK_REASONS, NETWORK_REASON_WORDS, REASON_CODES, REASON_WORDS, reasonWords } from '../../../vocabulary/health-reasons';

const AGENT = join(__dirname, '../../../camera-agent');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'simulator' ? [] : sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Quoted codes the agent assigns as a reason (`reason: 'x'`, `reason = 'x'`, `{ reason: 'a' | 'b' }` types). */
function agentReasonCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sources(AGENT)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/reason\??\s*[:=]\s*((?:'[a-z-]+'\s*\|?\s*)+)/g))
      for (const q of m[1]!.matchAll(/'([a-z-]+)'/g)) codes.add(q[1]!);
  }
  return codes;
}

describe('reason words', () => {
  it('has a zh-CN and an English label and what to check for every code the agent can give', () => {
    for (const code of [...REASON_CODES, ...NETWORK_REASONS]) {
      const w =
        code in REASON_WORDS
          ? REASON_WORDS[code as keyof typeof REASON_WORDS]
          : NETWORK_REASON_WORDS[code as keyof typeof NETWORK_REASON_WORDS];
      expect(w, code).toBeDefined();
      expect(w.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(w.en, code).toMatch(/^[A-Z][A-Za-z ,'-]+$/);
      expect(w.checkZh.length, code).toBeGreaterThan(1);
      expect(w.checkEn.length, code).toBeGreaterThan(3);
    }
    expect(REASON_CODES.sort()).toEqual(Object.keys(HEALTH_REASONS).sort());
  });

  it("finds every reason code written in the agent's sources among the labelled ones", () => {
    const found = agentReasonCodes();
    expect(found.size).toBeGreaterThan(15);
    const labelled = new Set<string>([...REASON_CODES, ...NETWORK_REASONS]);
    expect([...found].filter((c) => !labelled.has(c))).toEqual([]);
  });

  it('says clock skew means NTP, in both languages, and shows an unknown code as it is', () => {
    expect(reasonWords('clock-offset', 'zh-CN')).toEqual({ label: '时钟偏差', check: '摄像机的 NTP 校时设置' });
    expect(reasonWords('clock-offset', 'en').check).toContain('NTP');
    expect(reasonWords('something-new', 'en')).toEqual({ label: 'something-new', check: null });
  });
});
