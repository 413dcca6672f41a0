// Plain lists and limits of actualités, no zod: clients import these at run time.

export const newsCategories = ['vie_scolaire', 'pedagogie', 'orientation', 'evenement', 'restauration', 'urgent'] as const;
export type NewsCategory = (typeof newsCategories)[number];

export const newsStatuses = ['draft', 'submitted', 'scheduled', 'published', 'archived'] as const;
export type NewsStatus = (typeof newsStatuses)[number];

/** Who must acknowledge: nobody, each guardian, or one guardian per student. */
export const ackModes = ['none', 'per_guardian', 'per_student'] as const;
export type AckMode = (typeof ackModes)[number];

/** Profiles a news item can reach school-wide (admins read what reaches everyone). */
export const audienceProfiles = ['student', 'guardian', 'teacher', 'staff', 'direction'] as const;

/** Profiles within a group: its students, their guardians, its teachers. */
export const groupProfiles = ['student', 'guardian', 'teacher'] as const;

export const NEWS_LIMITS = {
  title: 140,
  bodyHtml: 20_000,
  targets: 50,
  attachments: 5,
  attachmentBytes: 5 * 1024 * 1024,
  attachmentName: 120,
  reviewComment: 1000,
} as const;

/** Attachments accepted, by the MIME type found in their bytes, with their usual extension. Never SVG or HTML (they carry scripts). */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
};

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
