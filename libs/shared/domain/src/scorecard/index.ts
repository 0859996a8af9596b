export * from './rubric';
export * from './engine';
export * from './ranking';
export * from './facts';
