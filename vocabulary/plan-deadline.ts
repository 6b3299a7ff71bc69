// The plan's deadline (shared/seed: 到2020年 … 全域覆盖、全网共享、全时可用、全程可控): the day the
// deadline view, the coverage report and the demo's generated daily health records look at.
export const PLAN_DEADLINE = '2020-12-31';
