import { describe, expect, it } from 'vitest';
import { ApiError } from '../../clients/shared/api';
import { createI18n } from '../../clients/shared/i18n';
import {
  audienceFromTargets,
  audienceProblem,
  audienceTargets,
  describeAudience,
  emptyAudience,
  filterGroups,
  setEveryone,
  setGroup,
  setGroupProfile,
  setSchoolProfile,
  sortGroups,
} from '../../clients/web/src/lib/audience';
import {
  composerFromNews,
  emptyComposer,
  fieldErrorsFromApi,
  publishButtonKey,
  toNewsSave,
  validateComposer,
  type CheckContext,
  type ComposerState,
} from '../../clients/web/src/lib/news-composer';
import { htmlToText, isBlankHtml, linkFromInput, safeHref, tidyEditorHtml } from '../../clients/web/src/lib/rich-text';
import { describeUploadError, uploadProblem } from '../../clients/web/src/lib/upload-check';
import {
  endOfZonedDay,
  fromZonedInput,
  lastZonedDay,
  startOfZonedDay,
  toZonedDate,
  toZonedInput,
  zoneOffsetMinutes,
} from '../../server/contracts/zoned-time';
import { en } from '../../clients/web/src/i18n/en';
import { fr, type WebKey } from '../../clients/web/src/i18n/fr';
import type { NewsDto } from '../../server/contracts/news';
import { newsSaveSchema } from '../../server/contracts/news';

const { t } = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['fr-FR'] });
const G4B = '1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0';
const G4C = '2b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0';
const G3A = '3b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0';
const groupNames = new Map([
  [G4B, { name: '4B' }],
  [G4C, { name: '4C' }],
  [G3A, { name: '3A' }],
]);
const PARIS = 'Europe/Paris';

describe('school time zone', () => {
  it('converts the school’s wall clock to instants and back, whatever the device’s zone', () => {
    expect(fromZonedInput('2025-11-24T15:00', PARIS)).toBe('2025-11-24T14:00:00.000Z');
    expect(fromZonedInput('2025-07-01T08:30', PARIS)).toBe('2025-07-01T06:30:00.000Z');
    expect(fromZonedInput('2025-07-01T08:30', 'Indian/Reunion')).toBe('2025-07-01T04:30:00.000Z');
    expect(fromZonedInput('2025-07-01T08:30', 'America/Cayenne')).toBe('2025-07-01T11:30:00.000Z');
    expect(toZonedInput('2025-11-24T14:00:00Z', PARIS)).toBe('2025-11-24T15:00');
    expect(toZonedInput('2025-11-24T23:30:00Z', PARIS)).toBe('2025-11-25T00:30');
    expect(toZonedDate('2025-11-24T23:30:00Z', PARIS)).toBe('2025-11-25');
    expect(zoneOffsetMinutes(Date.parse('2025-07-01T00:00:00Z'), PARIS)).toBe(120);
  });

  it('handles the clock changes: a skipped time moves forward, a repeated one is valid', () => {
    // 30 March 2025: 02:00 → 03:00 in Paris; 02:30 does not exist and means 03:30
    expect(fromZonedInput('2025-03-30T02:30', PARIS)).toBe('2025-03-30T01:30:00.000Z');
    expect(fromZonedInput('2025-03-30T01:30', PARIS)).toBe('2025-03-30T00:30:00.000Z');
    expect(fromZonedInput('2025-03-30T03:30', PARIS)).toBe('2025-03-30T01:30:00.000Z');
    // 26 October 2025: 03:00 → 02:00; a time that happens twice still converts to one of them
    expect(toZonedInput(fromZonedInput('2025-10-26T02:30', PARIS)!, PARIS)).toBe('2025-10-26T02:30');
  });

  it('reads "until" dates as including their whole day', () => {
    expect(startOfZonedDay('2025-12-19', PARIS)).toBe('2025-12-18T23:00:00.000Z');
    expect(endOfZonedDay('2025-12-19', PARIS)).toBe('2025-12-19T23:00:00.000Z');
    expect(endOfZonedDay('2025-12-31', PARIS)).toBe('2025-12-31T23:00:00.000Z');
    expect(lastZonedDay('2025-12-19T23:00:00.000Z', PARIS)).toBe('2025-12-19');
    // the day the clocks go back lasts 25 hours
    expect(Date.parse(endOfZonedDay('2025-10-26', PARIS)!) - Date.parse(startOfZonedDay('2025-10-26', PARIS)!)).toBe(25 * 3600_000);
  });

  it('refuses what is not a date', () => {
    expect(fromZonedInput('', PARIS)).toBeNull();
    expect(fromZonedInput('2025-02-30T10:00', PARIS)).toBeNull();
    expect(fromZonedInput('2025-11-24 15:00', PARIS)).toBeNull();
    expect(endOfZonedDay('2025-02-30', PARIS)).toBeNull();
    expect(toZonedInput('pas une date', PARIS)).toBe('');
  });
});

describe('audience picker', () => {
  it('turns ticks into targets, groups always with their profiles', () => {
    let s = emptyAudience();
    expect(audienceTargets(s)).toEqual([]);
    s = setGroup(s, G4B, true);
    expect(audienceTargets(s)).toEqual([{ kind: 'group', groupId: G4B, profiles: ['student', 'guardian'] }]);
    s = setGroupProfile(s, G4B, 'student', false);
    s = setGroup(s, G4C, true);
    s = setGroupProfile(s, G4C, 'teacher', true);
    expect(audienceTargets(s)).toEqual([
      { kind: 'group', groupId: G4B, profiles: ['guardian'] },
      { kind: 'group', groupId: G4C, profiles: ['student', 'guardian', 'teacher'] },
    ]);
    // school-wide guardians make the groups' guardians redundant
    s = setSchoolProfile(s, 'guardian', true);
    expect(audienceTargets(s)).toEqual([
      { kind: 'school', profiles: ['guardian'] },
      { kind: 'group', groupId: G4C, profiles: ['student', 'teacher'] },
    ]);
    expect(audienceTargets(setEveryone(s, true))).toEqual([{ kind: 'school' }]);
    expect(audienceTargets(setGroup(s, G4C, false))).toEqual([{ kind: 'school', profiles: ['guardian'] }]);
    // every target is one the contract accepts
    expect(newsSaveSchema.shape.audience.safeParse(audienceTargets(s)).success).toBe(true);
  });

  it('reads a saved audience back into the picker', () => {
    const state = audienceFromTargets([
      { kind: 'school', profiles: ['teacher'] },
      { kind: 'group', groupId: G4B, profiles: ['guardian'] },
      { kind: 'group', groupId: G4B, profiles: ['student'] },
      { kind: 'group', groupId: G4C },
    ]);
    expect(state).toEqual({
      everyone: false,
      schoolProfiles: ['teacher'],
      groups: [
        { groupId: G4B, profiles: ['student', 'guardian'] },
        { groupId: G4C, profiles: ['student', 'guardian', 'teacher'] },
      ],
    });
    expect(audienceFromTargets([{ kind: 'school' }]).everyone).toBe(true);
  });

  it('says what is missing', () => {
    expect(audienceProblem(emptyAudience(), groupNames, t)).toBe('Choisissez au moins un destinataire.');
    const noProfile = setGroupProfile(setGroupProfile(setGroup(emptyAudience(), G4B, true), G4B, 'student', false), G4B, 'guardian', false);
    expect(audienceProblem(noProfile, groupNames, t)).toBe('Choisissez au moins un profil pour 4B.');
    expect(audienceProblem(setEveryone(noProfile, true), groupNames, t)).toBeNull();
  });

  it('puts an audience in words', () => {
    expect(describeAudience([{ kind: 'school' }], groupNames, t)).toBe('Tout l’établissement');
    expect(
      describeAudience(
        [
          { kind: 'school', profiles: ['teacher', 'guardian'] },
          { kind: 'group', groupId: G4C, profiles: ['guardian'] },
          { kind: 'group', groupId: G4B, profiles: ['guardian'] },
          { kind: 'group', groupId: G3A, profiles: ['student', 'guardian'] },
        ],
        groupNames,
        t,
      ),
    ).toBe('Tous les responsables · Tous les enseignants · Responsables — 4B, 4C · Élèves et responsables — 3A');
  });

  it('sorts classes first and finds groups without minding accents or case', () => {
    const groups = [
      { kind: 'custom' as const, name: 'Chorale' },
      { kind: 'class' as const, name: '4B' },
      { kind: 'teaching_group' as const, name: 'Espagnol 4e' },
      { kind: 'class' as const, name: '3A' },
    ];
    expect(sortGroups(groups).map((g) => g.name)).toEqual(['3A', '4B', 'Espagnol 4e', 'Chorale']);
    expect(filterGroups(groups, 'ESPAGNOL').map((g) => g.name)).toEqual(['Espagnol 4e']);
    expect(filterGroups([{ name: 'Théâtre' }], 'theatre')).toHaveLength(1);
  });
});

describe('composer', () => {
  const NOW = new Date('2025-11-24T14:00:00Z');
  const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({ t, timeZone: PARIS, now: NOW, intent: 'publish', groupNames, ...over });
  const filled = (over: Partial<ComposerState> = {}): ComposerState => ({
    ...emptyComposer(),
    title: 'Réunion parents-professeurs',
    bodyHtml: '<p>Le <b>jeudi 4 décembre</b> à 17 h.</p><p><br></p>',
    category: 'vie_scolaire',
    audience: setSchoolProfile(emptyAudience(), 'guardian', true),
    ...over,
  });

  it('names each field to fix', () => {
    const errors = validateComposer(emptyComposer(), ctx());
    expect(errors).toEqual({
      title: 'Le titre doit compter au moins 3 caractères.',
      bodyHtml: 'Écrivez le texte de l’actualité.',
      category: 'Choisissez une catégorie.',
      audience: 'Choisissez au moins un destinataire.',
    });
    // a draft may have no text yet
    expect(validateComposer(filled({ bodyHtml: '<p><br></p>' }), ctx({ intent: 'draft' }))).toEqual({});
    expect(validateComposer(filled({ title: 'x'.repeat(141) }), ctx()).title).toBe('Le titre est limité à 140 caractères.');
  });

  it('checks dates in the school’s time zone', () => {
    expect(validateComposer(filled({ schedule: true, publishAt: '2025-11-24T14:30' }), ctx()).publishAt).toBe(
      'Choisissez une date de publication à venir.',
    );
    expect(validateComposer(filled({ schedule: true, publishAt: '2025-11-24T15:30' }), ctx())).toEqual({});
    expect(validateComposer(filled({ schedule: true, publishAt: '' }), ctx()).publishAt).toBe('Indiquez une date valide.');
    expect(validateComposer(filled({ schedule: true, publishAt: '2025-11-26T08:00', expireOn: '2025-11-25' }), ctx()).expireOn).toBe(
      'La date de retrait doit suivre la date de publication.',
    );
    expect(validateComposer(filled({ pinned: true, pinnedUntil: '' }), ctx()).pinnedUntil).toBeTruthy();
    expect(validateComposer(filled({ onScreens: true, screensFrom: '2025-12-02', screensUntil: '2025-12-01' }), ctx()).screens).toBe(
      'La fin de l’affichage doit suivre son début.',
    );
    expect(validateComposer(filled({ onScreens: true, screensFrom: '2025-12-01', screensUntil: '2025-12-01' }), ctx())).toEqual({});
  });

  it('serialises the form into a body the contract accepts', () => {
    const save = toNewsSave(
      filled({
        title: '  Réunion parents-professeurs ',
        visibility: 'public',
        schedule: true,
        publishAt: '2025-11-25T07:30',
        expireOn: '2025-12-05',
        pinned: true,
        pinnedUntil: '2025-11-28',
        ackMode: 'per_student',
        onScreens: true,
        screensFrom: '2025-11-25',
        screensUntil: '2025-12-04',
        image: { id: '9b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0', name: 'affiche.png', mimeType: 'image/png', size: 1000, url: '/x' },
      }),
      'publish',
      PARIS,
    );
    expect(save).toEqual({
      title: 'Réunion parents-professeurs',
      bodyHtml: '<p>Le <b>jeudi 4 décembre</b> à 17 h.</p>',
      category: 'vie_scolaire',
      audience: [{ kind: 'school', profiles: ['guardian'] }],
      visibility: 'public',
      publishAt: '2025-11-25T06:30:00.000Z',
      expireAt: '2025-12-05T23:00:00.000Z',
      pinnedUntil: '2025-11-28T23:00:00.000Z',
      ackMode: 'per_student',
      onScreens: { from: '2025-11-24T23:00:00.000Z', until: '2025-12-04T23:00:00.000Z' },
      imageId: '9b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0',
      attachmentIds: [],
      intent: 'publish',
    });
    expect(newsSaveSchema.safeParse(save).success).toBe(true);
    expect(newsSaveSchema.safeParse(toNewsSave(filled(), 'draft', PARIS)).success).toBe(true);
  });

  it('reads a saved item back into the form, dates in the school’s time', () => {
    const news = {
      id: '00000000-0000-4000-8000-000000000001',
      title: 'Sortie',
      bodyHtml: '<p>Texte</p>',
      category: 'evenement',
      status: 'scheduled',
      visibility: 'ent',
      audience: [{ kind: 'group', groupId: G4B, profiles: ['guardian'] }],
      audienceLabel: 'Responsables — 4B',
      publishAt: '2025-11-25T06:30:00.000Z',
      expireAt: '2025-12-05T23:00:00.000Z',
      pinnedUntil: null,
      ackMode: 'per_guardian',
      onScreens: null,
      imageUrl: '/api/schools/0750654D/news/attachments/9b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0',
      image: {
        id: '9b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0',
        name: 'affiche.png',
        mimeType: 'image/png',
        size: 48_000,
        url: '/api/schools/0750654D/news/attachments/9b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0',
      },
      attachments: [],
    } as unknown as NewsDto;
    const form = composerFromNews(news, PARIS);
    expect(form).toMatchObject({
      title: 'Sortie',
      category: 'evenement',
      schedule: true,
      publishAt: '2025-11-25T07:30',
      expireOn: '2025-12-05',
      pinned: false,
      ackMode: 'per_guardian',
      image: { id: '9b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0', name: 'affiche.png', size: 48_000 },
      audience: { groups: [{ groupId: G4B, profiles: ['guardian'] }] },
    });
    // a round trip changes nothing
    expect(toNewsSave(form, 'draft', PARIS)).toMatchObject({
      publishAt: news.publishAt,
      expireAt: news.expireAt,
      audience: news.audience,
      imageId: '9b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0',
    });
  });

  it('puts the hub’s validation details next to the fields', () => {
    const err = new ApiError(400, 'validation_failed', 'Certaines informations sont invalides.', [
      { path: 'title', message: 'titre trop court' },
      { path: 'audience.0.groupId', message: 'groupe inconnu dans cet établissement' },
      { path: 'expireAt', message: 'La date est passée.' },
      { path: 'somethingElse', message: 'x' },
    ]);
    expect(fieldErrorsFromApi(err)).toEqual({
      title: 'Titre trop court.',
      audience: 'Groupe inconnu dans cet établissement.',
      expireOn: 'La date est passée.',
    });
    expect(fieldErrorsFromApi(new ApiError(403, 'forbidden', 'Non'))).toBeNull();
  });

  it('labels the main button after what will happen', () => {
    expect(publishButtonKey(true, false)).toBe('composer.publish');
    expect(publishButtonKey(true, true)).toBe('composer.schedule');
    expect(publishButtonKey(false, false)).toBe('composer.submit');
    expect(publishButtonKey(null, false)).toBe('composer.submit');
  });
});

describe('rich text', () => {
  it('keeps only web and mail links', () => {
    expect(safeHref('https://www.ac-paris.fr/')).toBe('https://www.ac-paris.fr/');
    expect(safeHref('mailto:vie.scolaire@college.fr')).toBe('mailto:vie.scolaire@college.fr');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('java\tscript:alert(1)')).toBeNull();
    expect(safeHref(' JavaScript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
  });

  it('makes a URL of what people type in the link field', () => {
    expect(linkFromInput('www.ac-paris.fr')).toBe('https://www.ac-paris.fr/');
    expect(linkFromInput('prenom.nom@ac-paris.fr')).toBe('mailto:prenom.nom@ac-paris.fr');
    expect(linkFromInput('https://pronote.fr/a?b=c')).toBe('https://pronote.fr/a?b=c');
    expect(linkFromInput('javascript:alert(1)')).toBeNull();
    expect(linkFromInput('bonjour')).toBeNull();
    expect(linkFromInput('deux mots.fr')).toBeNull();
  });

  it('tidies what contenteditable leaves and tells an empty body', () => {
    expect(isBlankHtml('<p><br></p>')).toBe(true);
    expect(isBlankHtml('<p>&nbsp;</p>')).toBe(true);
    expect(isBlankHtml('<p>a</p>')).toBe(false);
    expect(tidyEditorHtml('<div>Un</div><div><br></div><p style="color:red">Deux<br></p>')).toBe('<p>Un</p><p>Deux</p>');
    expect(tidyEditorHtml('<p><br></p>')).toBe('');
    expect(tidyEditorHtml('<p>Départ à 8 h.</p><p><ul><li>pique-nique</li></ul></p>')).toBe('<p>Départ à 8 h.</p><ul><li>pique-nique</li></ul>');
    expect(htmlToText('<p>R&eacute;union &amp; go&#251;ter</p><script>x</script>')).toBe('R&eacute;union & goûter');
  });
});

describe('upload checks', () => {
  it('refuses what the hub would refuse, before sending it', () => {
    expect(uploadProblem({ name: 'menu.pdf', type: 'application/pdf', size: 200_000 }, 'attachment', t)).toBeNull();
    expect(uploadProblem({ name: 'menu.odt', type: '', size: 200_000 }, 'attachment', t)).toBeNull();
    expect(uploadProblem({ name: 'virus.exe', type: 'application/x-msdownload', size: 10 }, 'attachment', t)).toContain('ce type de fichier n’est pas accepté');
    expect(uploadProblem({ name: 'gros.pdf', type: 'application/pdf', size: 6 * 1024 * 1024 }, 'attachment', t)).toBe(
      'gros.pdf dépasse la taille maximale de 5\u00a0Mo.',
    );
    expect(uploadProblem({ name: 'menu.pdf', type: 'application/pdf', size: 10 }, 'image', t)).toContain('choisissez une image');
    expect(describeUploadError(new ApiError(415, 'unsupported_media_type', 'x'), 'a.png', t)).toContain('a.png');
    expect(describeUploadError(new ApiError(413, 'payload_too_large', 'x'), 'a.png', t)).toContain('5\u00a0Mo');
  });
});
