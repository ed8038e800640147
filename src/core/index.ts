export * from './snapshot';
export * from './findings';
export * from './model';
export * from './numbers';
export * from './address';
export { validateWorkbook, DEFAULT_IDLE_THRESHOLD } from './validate';
export { readModel } from './recognise';
export type { ValidationResult, Unusable } from './validate';
export * from './report/types';
