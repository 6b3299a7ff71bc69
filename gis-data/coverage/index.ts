export * from './projection';
export * from './evaluate-targets';
export * from './line-in-polygons';
export * from './blind-gain';
