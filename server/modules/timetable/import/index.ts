// The timetable's two CSV files (docs/timetable-import.md): slots first, then courses.
export { importCourses } from './courses';
export { importSlots } from './slots';
export type { TimetableImportDeps, TimetableImportInput } from './run-import';
