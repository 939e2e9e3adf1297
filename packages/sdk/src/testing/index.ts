export * from './run-action.js';
