export * from './action.types.js';
export * from './action-errors.js';
export * from './define-action.js';
export * from './action-package.js';
export * from './template-helpers.js';
export * from './template-safety.js';
