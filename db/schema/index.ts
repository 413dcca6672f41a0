export * from './directory';
export * from './auth';
export * from './realtime';
export * from './platform';
export * from './news';
export * from './timetable';
export * from './absences';
export * from './messaging';
