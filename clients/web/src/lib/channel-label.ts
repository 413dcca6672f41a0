import { parseChannel } from '../../../../server/contracts/channels';
import type { MeDto } from '../../../../server/contracts/auth';
import type { GroupDto } from '../../../../server/contracts/directory';
import type { Translate } from '../i18n';
import { sentenceCase } from './person-labels';

export interface ChannelContext {
  t: Translate;
  me: Pick<MeDto, 'id' | 'current' | 'memberships'>;
  /** Groups of the current school by id, when they could be loaded. */
  groups?: ReadonlyMap<string, Pick<GroupDto, 'kind' | 'name'>>;
}

/** A channel name in the words of the person reading it: "Tout l’établissement", "Classe 4B", "Mon compte". */
export function channelLabel(channel: string, { t, me, groups }: ChannelContext): string {
  const parsed = parseChannel(channel);
  if (!parsed) return t('channel.unknown');
  switch (parsed.kind) {
    case 'school':
      return parsed.uai === me.current.school.uai ? t('channel.school') : t('channel.otherSchool', { name: schoolName(parsed.uai, me) });
    case 'profile':
      return t(`channel.profile.${parsed.profile}`);
    case 'group': {
      const group = groups?.get(parsed.groupId);
      if (!group) return t('channel.unknownGroup');
      const key = group.kind === 'class' ? 'channel.class' : group.kind === 'teaching_group' ? 'channel.teachingGroup' : 'channel.customGroup';
      return t(key, { name: group.name });
    }
    case 'groupProfile': {
      // « Responsables — 4B »: the guardians of a class, its students or its teachers
      const group = groups?.get(parsed.groupId);
      return t('channel.groupProfile', { profile: sentenceCase(t(`channel.groupProfile.${parsed.profile}`)), name: group?.name ?? t('channel.someGroup') });
    }
    case 'zone':
      return t('channel.zone', { zone: parsed.zone });
    case 'absences':
      return t('channel.absences');
    case 'board':
      return t('channel.board');
    case 'signage':
      return t('channel.signage');
    case 'user':
      return parsed.userId === me.id ? t('channel.user') : t('channel.otherUser');
    case 'screen':
      return t('channel.screen');
  }
}

/** The school's name from the person's memberships, else its UAI. */
export function schoolName(uai: string, me: Pick<MeDto, 'current' | 'memberships'>): string {
  if (me.current.school.uai === uai) return me.current.school.name;
  return me.memberships.find((m) => m.uai === uai)?.schoolName ?? uai;
}
