export * from './levels';
export * from './field-of-view';
export * from './pixel-density';
export * from './level-distances';
export * from './validate-optics';
