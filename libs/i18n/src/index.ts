export * from './locales';
export * from './translator';
export { AREAS, CATALOGUES, type Area } from './catalogue';
