// news-rules holds the contract's plain values: importing it, unlike news.ts, brings no zod into
// the bundle. The client's names for them are kept so that views need not know where they live.
export {
  ackModes as ACK_MODES,
  ATTACHMENT_TYPES,
  audienceProfiles as AUDIENCE_PROFILES,
  groupProfiles as GROUP_PROFILES,
  IMAGE_TYPES,
  NEWS_LIMITS,
  newsCategories as NEWS_CATEGORIES,
  newsStatuses as NEWS_STATUSES,
} from '../../../../server/contracts/news-rules';
import type { audienceProfiles, groupProfiles } from '../../../../server/contracts/news-rules';

export type AudienceProfile = (typeof audienceProfiles)[number];
export type GroupProfile = (typeof groupProfiles)[number];
