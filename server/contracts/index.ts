export * from './auth';
export * from './channels';
export * from './directory';
export * from './errors';
export * from './events';
export * from './news';
export * from './profiles';
