export * from './snapshot';
export * from './findings';
export * from './model';
export * from './numbers';
export * from './address';
export { validateWorkbook } from './validate';
export type { ValidationResult, Unusable } from './validate';
export * from './report/types';
