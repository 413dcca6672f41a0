import { describe, expect, it } from 'vitest';
import {
  charsLeft,
  defaultFlashUntil,
  draftFromChoice,
  emptyAlertDraft,
  emptyFlashDraft,
  flashPayload,
  flashProblems,
  flashRemaining,
  formatPairingInput,
  pairingCodeProblem,
  scheduleOf,
  screenDraft,
  screenDraftProblems,
  screenPatch,
  SIGNAGE_LIMITS,
  templateProblems,
  templatesPayload,
  triggerChoices,
  triggerPayload,
  triggerProblems,
  zonesPayload,
  type AlertDraft,
  type BuiltInTexts,
} from '../../clients/web/src/lib/signage-forms';
import {
  alertTemplatesPutSchema,
  alertTriggerSchema,
  flashInputSchema,
  screenPairSchema,
  screenUpdateSchema,
  type AlertTemplateDto,
  type ScreenSelfDto,
} from '../../server/contracts/signage';
import { DEFAULT_SCREEN_CONTENT, DEFAULT_SCREEN_SCHEDULE, screenZones } from '../../server/contracts/signage-rules';

const TZ = 'Europe/Paris';
// Monday 23 November 2026, 10:30 in Paris
const NOW = new Date('2026-11-23T09:30:00Z');
const BUILT_IN: BuiltInTexts = {
  shelter: { name: 'Confinement', headline: 'Confinement immédiat', instruction: 'Restez à l’intérieur.' },
  evacuate: { name: 'Évacuation', headline: 'Évacuation immédiate', instruction: 'Rejoignez le point de rassemblement.' },
};

function screen(over: Partial<ScreenSelfDto> = {}): ScreenSelfDto {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Hall d’entrée',
    zone: 'hall',
    layout: 'landscape',
    schedule: DEFAULT_SCREEN_SCHEDULE,
    content: DEFAULT_SCREEN_CONTENT,
    ...over,
  };
}

describe('pairing code', () => {
  it('shows what is typed in capitals, in two groups of three like the kiosk', () => {
    expect(formatPairingInput('ab3')).toBe('AB3');
    expect(formatPairingInput('ab3k')).toBe('AB3 K');
    expect(formatPairingInput('ab3k7z')).toBe('AB3 K7Z');
    expect(formatPairingInput('AB3-K7Z')).toBe('AB3 K7Z');
    expect(formatPairingInput(' ab3 k7z ')).toBe('AB3 K7Z');
    // a seventh character has nowhere to go
    expect(formatPairingInput('AB3K7ZQ')).toBe('AB3 K7Z');
  });

  it('says why a code cannot be one the kiosk shows', () => {
    expect(pairingCodeProblem('')).toBe('codeEmpty');
    expect(pairingCodeProblem(' - ')).toBe('codeEmpty');
    expect(pairingCodeProblem('AB3 K7')).toBe('codeLength');
    // 0, O, 1, I and L are never shown: a look-alike was typed
    expect(pairingCodeProblem('AB3 K0Z')).toBe('codeCharacters');
    expect(pairingCodeProblem('ab3 k1z')).toBe('codeCharacters');
    expect(pairingCodeProblem('ab3 k7z')).toBeNull();
  });

  it('sends a code the hub takes, whatever the case and grouping typed', () => {
    const parsed = screenPairSchema.safeParse({ code: 'ab3 k7z', name: 'Hall', zone: 'hall', layout: 'portrait' });
    expect(parsed.success && parsed.data.code).toBe('AB3K7Z');
  });
});

describe('screen settings', () => {
  it('holds a day switched off with hours ready to switch it on again', () => {
    const d = screenDraft(screen());
    expect(d.days[0]).toEqual({ on: true, from: '07:30', to: '18:30' });
    expect(d.days[6]).toEqual({ on: false, from: '07:30', to: '18:30' });
    expect(scheduleOf(d)).toEqual(DEFAULT_SCREEN_SCHEDULE);
  });

  it('patches only what changed, and nothing when nothing did', () => {
    const s = screen();
    expect(screenPatch(s, screenDraft(s))).toBeNull();
    const d = screenDraft(s);
    d.name = '  Hall nord ';
    d.days[5] = { on: true, from: '08:00', to: '12:00' };
    const patch = screenPatch(s, d);
    expect(patch).toEqual({
      name: 'Hall nord',
      schedule: { days: [...DEFAULT_SCREEN_SCHEDULE.days.slice(0, 5), { on: '08:00', off: '12:00' }, null], closed: [] },
    });
    expect(screenUpdateSchema.safeParse(patch).success).toBe(true);
  });

  it('keeps the categories when the news are switched off, so switching them on again finds them', () => {
    const s = screen({ content: { board: true, news: true, newsCategories: ['urgent'], ticker: true } });
    const d = screenDraft(s);
    d.content = { ...d.content, news: false, newsCategories: [] };
    expect(screenPatch(s, d)).toEqual({ content: { board: true, news: false, newsCategories: ['urgent'], ticker: true } });
  });

  it('points at the day or period that is wrong before asking the hub', () => {
    const d = screenDraft(screen());
    d.name = ' ';
    d.days[1] = { on: true, from: '18:00', to: '08:00' };
    d.days[2] = { on: true, from: '', to: '18:00' };
    // an evening switched off is not checked
    d.days[6] = { on: false, from: '', to: '' };
    d.closed = [
      { from: '2026-12-19', until: '2027-01-03', label: 'Vacances de Noël' },
      { from: '2027-02-20', until: '2027-02-10', label: '' },
      { from: '', until: '2027-04-10', label: '' },
    ];
    expect(screenDraftProblems(d)).toEqual(
      new Map([
        ['name', 'nameRequired'],
        ['days.1', 'hoursOrder'],
        ['days.2', 'hoursMissing'],
        ['closed.1', 'datesOrder'],
        ['closed.2', 'datesMissing'],
      ]),
    );
  });

  it('sends a schedule the hub accepts once the form finds nothing wrong', () => {
    const d = screenDraft(screen());
    d.closed = [{ from: '2026-12-19', until: '2027-01-03', label: ' Vacances de Noël ' }];
    expect(screenDraftProblems(d).size).toBe(0);
    const patch = screenPatch(screen(), d);
    expect(patch?.schedule?.closed).toEqual([{ from: '2026-12-19', until: '2027-01-03', label: 'Vacances de Noël' }]);
    expect(screenUpdateSchema.safeParse(patch).success).toBe(true);
  });
});

describe('ticker messages', () => {
  it('counts characters as the hub does, after trimming', () => {
    expect(flashRemaining('')).toBe(140);
    expect(flashRemaining('  Cantine fermée  ')).toBe(140 - 'Cantine fermée'.length);
    expect(flashRemaining('x'.repeat(150))).toBe(-10);
    expect(charsLeft('abc', 2)).toBe(-1);
  });

  it('lasts until the end of the school day, or tomorrow’s when it is nearly over', () => {
    expect(defaultFlashUntil(NOW, TZ)).toBe('2026-11-23T18:00');
    // 17:30 in Paris: less than an hour left today
    expect(defaultFlashUntil(new Date('2026-11-23T16:30:00Z'), TZ)).toBe('2026-11-24T18:00');
  });

  it('refuses an empty or long text, no zone, and a time already past', () => {
    const d = { ...emptyFlashDraft(NOW, TZ), allZones: false };
    expect(flashProblems(d, TZ, NOW)).toEqual(new Map([['text', 'textRequired'], ['zones', 'zonesRequired']]));
    expect(flashProblems({ ...d, text: 'x'.repeat(141), zones: ['cdi'], until: '2026-11-23T10:00' }, TZ, NOW)).toEqual(
      new Map([['text', 'textTooLong'], ['until', 'untilPast']]),
    );
    expect(flashProblems({ ...d, text: 'ok', zones: ['cdi'], until: '2026-11-23' }, TZ, NOW)).toEqual(new Map([['until', 'untilMissing']]));
  });

  it('sends the school’s wall clock as an instant, and null zones for the whole school', () => {
    const d = { text: ' Le CDI ferme à 16 h ', allZones: false, zones: ['cdi', 'hall'] as Array<(typeof screenZones)[number]>, until: '2026-11-23T16:00' };
    const payload = flashPayload(d, TZ);
    expect(payload).toEqual({ text: 'Le CDI ferme à 16 h', zones: ['hall', 'cdi'], until: '2026-11-23T15:00:00.000Z' });
    expect(flashInputSchema.safeParse(payload).success).toBe(true);
    expect(flashPayload({ ...d, allZones: true }, TZ).zones).toBeNull();
    // every zone ticked is the whole school: screens added later in a new zone get it too
    expect(zonesPayload(false, [...screenZones])).toBeNull();
  });
});

describe('PPMS alert form', () => {
  const templates: AlertTemplateDto[] = [
    { id: 't1', name: 'Confinement', responseType: 'shelter', headline: 'Confinement', instruction: 'Restez dans les salles.' },
    { id: 't2', name: 'Fin d’alerte', responseType: 'allclear', headline: 'Fin d’alerte', instruction: 'Reprise normale.' },
    { id: 't3', name: 'Évacuation incendie', responseType: 'evacuate', headline: 'Évacuation', instruction: 'Sortez par les issues de secours.' },
  ];

  it('offers the templates that can be triggered, or the built-in pair when the school has none', () => {
    expect(triggerChoices(templates, BUILT_IN).map((c) => c.id)).toEqual(['t1', 't3']);
    expect(triggerChoices([], BUILT_IN)).toEqual([
      { id: 'builtin-shelter', responseType: 'shelter', ...BUILT_IN.shelter },
      { id: 'builtin-evacuate', responseType: 'evacuate', ...BUILT_IN.evacuate },
    ]);
  });

  it('makes the person choose real, drill or test: there is no default', () => {
    const d = emptyAlertDraft();
    expect(d.status).toBeNull();
    expect(triggerProblems(d, TZ, NOW)).toEqual(
      new Map([
        ['choice', 'choiceRequired'],
        ['status', 'statusRequired'],
        ['headline', 'headlineRequired'],
        ['instruction', 'instructionRequired'],
      ]),
    );
  });

  it('takes a template’s texts and keeps what the person already chose', () => {
    const [shelter, evacuate] = triggerChoices(templates, BUILT_IN);
    let d = draftFromChoice(shelter, emptyAlertDraft());
    d = { ...d, status: 'exercise', allZones: false, zones: ['hall'], headline: 'Texte modifié' };
    d = draftFromChoice(evacuate, d);
    expect(d).toEqual({
      choiceId: 't3',
      responseType: 'evacuate',
      status: 'exercise',
      headline: 'Évacuation',
      instruction: 'Sortez par les issues de secours.',
      allZones: false,
      zones: ['hall'],
      expires: '',
    });
    expect(triggerProblems(d, TZ, NOW).size).toBe(0);
  });

  it('refuses texts over the limits, no zone and an expiry already past', () => {
    const d: AlertDraft = {
      ...draftFromChoice(triggerChoices(templates, BUILT_IN)[0]),
      status: 'actual',
      headline: 'x'.repeat(81),
      instruction: 'y'.repeat(401),
      allZones: false,
      zones: [],
      expires: '2026-11-23T09:00',
    };
    expect(triggerProblems(d, TZ, NOW)).toEqual(
      new Map([
        ['headline', 'headlineTooLong'],
        ['instruction', 'instructionTooLong'],
        ['zones', 'zonesRequired'],
        ['expires', 'expiryPast'],
      ]),
    );
  });

  it('sends what the hub’s trigger schema takes, confirmed', () => {
    const d: AlertDraft = { ...draftFromChoice(triggerChoices(templates, BUILT_IN)[0]), status: 'exercise', expires: '2026-11-23T12:00' };
    const payload = triggerPayload(d, TZ);
    expect(payload).toEqual({
      status: 'exercise',
      responseType: 'shelter',
      headline: 'Confinement',
      instruction: 'Restez dans les salles.',
      zones: null,
      expiresAt: '2026-11-23T11:00:00.000Z',
      confirmed: true,
    });
    expect(alertTriggerSchema.safeParse(payload).success).toBe(true);
    expect(triggerPayload({ ...d, expires: '' }, TZ).expiresAt).toBeNull();
  });

  it('checks every template before they are saved, and sends them trimmed', () => {
    const drafts = [
      { name: ' Confinement ', responseType: 'shelter' as const, headline: ' Confinement ', instruction: ' Restez. ' },
      { name: '', responseType: 'allclear' as const, headline: 'Fin', instruction: '' },
    ];
    expect(templateProblems(drafts)).toEqual(new Map([['1.name', 'nameRequired'], ['1.instruction', 'instructionRequired']]));
    const payload = templatesPayload([drafts[0]]);
    expect(payload).toEqual({ templates: [{ name: 'Confinement', responseType: 'shelter', headline: 'Confinement', instruction: 'Restez.' }] });
    expect(alertTemplatesPutSchema.safeParse(payload).success).toBe(true);
  });
});

describe('limits', () => {
  it('are the contracts’ own (the client does not bundle zod to read them)', () => {
    const pair = (name: string) => screenPairSchema.safeParse({ code: 'AB3K7Z', name, zone: 'hall', layout: 'landscape' }).success;
    expect(pair('x'.repeat(SIGNAGE_LIMITS.screenName))).toBe(true);
    expect(pair('x'.repeat(SIGNAGE_LIMITS.screenName + 1))).toBe(false);

    const flash = (text: string) => flashInputSchema.safeParse({ text, zones: null, until: '2026-11-23T15:00:00.000Z' }).success;
    expect(flash('x'.repeat(SIGNAGE_LIMITS.flashText))).toBe(true);
    expect(flash('x'.repeat(SIGNAGE_LIMITS.flashText + 1))).toBe(false);

    const trigger = (headline: string, instruction: string) =>
      alertTriggerSchema.safeParse({ status: 'test', responseType: 'shelter', headline, instruction, zones: null, expiresAt: null, confirmed: true }).success;
    expect(trigger('x'.repeat(SIGNAGE_LIMITS.headline), 'y'.repeat(SIGNAGE_LIMITS.instruction))).toBe(true);
    expect(trigger('x'.repeat(SIGNAGE_LIMITS.headline + 1), 'y')).toBe(false);
    expect(trigger('x', 'y'.repeat(SIGNAGE_LIMITS.instruction + 1))).toBe(false);

    const tpl = { name: 'x'.repeat(SIGNAGE_LIMITS.templateName), responseType: 'shelter', headline: 'h', instruction: 'i' };
    expect(alertTemplatesPutSchema.safeParse({ templates: Array(SIGNAGE_LIMITS.templates).fill(tpl) }).success).toBe(true);
    expect(alertTemplatesPutSchema.safeParse({ templates: Array(SIGNAGE_LIMITS.templates + 1).fill(tpl) }).success).toBe(false);
    expect(alertTemplatesPutSchema.safeParse({ templates: [{ ...tpl, name: `${tpl.name}x` }] }).success).toBe(false);

    const closed = (n: number, label = '') => ({ days: DEFAULT_SCREEN_SCHEDULE.days, closed: Array(n).fill({ from: '2026-12-19', until: '2027-01-03', label }) });
    expect(screenUpdateSchema.safeParse({ schedule: closed(SIGNAGE_LIMITS.closedPeriods) }).success).toBe(true);
    expect(screenUpdateSchema.safeParse({ schedule: closed(SIGNAGE_LIMITS.closedPeriods + 1) }).success).toBe(false);
    expect(screenUpdateSchema.safeParse({ schedule: closed(1, 'x'.repeat(SIGNAGE_LIMITS.closedLabel + 1)) }).success).toBe(false);
  });
});
