export * from './types';
export * from './view-bands';
export * from './visibility-sweep';
export * from './band-polygon';
export * from './obstacles';
export * from './planar';
export * from './camera-footprint';
export * from './point-view';
