import { describe, expect, it } from 'vitest';
import type { IndicatorsDto } from '../../server/contracts/indicators';
import { csvText } from '../../clients/web/src/lib/csv-file';
import { csvRows, daysOf, previousPeriod, summary } from '../../clients/web/src/lib/indicators-data';

const data: IndicatorsDto = {
  from: '2026-11-01',
  to: '2026-11-04',
  minimumGroup: 5,
  activePeople: [
    { day: '2026-11-02', profile: 'guardian', people: 12 },
    { day: '2026-11-02', profile: 'teacher', people: 6 },
    { day: '2026-11-03', profile: 'guardian', people: null },
  ],
  heatmap: [{ weekday: 1, hour: 18, people: 7.5 }],
  deliveries: [
    { day: '2026-11-02', channel: 'push', status: 'sent', deliveries: 30 },
    { day: '2026-11-02', channel: 'email', status: 'failed', deliveries: null },
  ],
  services: [{ day: '2026-11-02', service: 'news_read', actions: 40 }],
  newsReach: [{ newsId: 'n1', title: 'Sortie ; "musée"', publishedDay: '2026-11-02', guardians: 30, readShare: 0.6, classes: [{ className: '6A', guardians: 3, readShare: null }] }],
  listReach: [{ messageId: 'm1', subject: 'Piscine', sentDay: '2026-11-03', guardians: 20, readShare: 0.5, classes: [{ className: '6A', guardians: 12, readShare: 0.583 }] }],
  screenUptime: [{ day: '2026-11-02', screenId: 's1', name: 'Hall', onlineMinutes: 600 }],
  absenceAlerts: { alerts: 9, medianMinutes: 12.5, p90Minutes: 80, neverShare: 0.111 },
};
const t = (key: string) => ({ 'indicators.reach.all': 'Toutes les familles', 'indicators.csv.day': 'jour', 'indicators.profile.guardian': 'Responsables', 'indicators.profile.teacher': 'Enseignants' })[key] ?? key;

describe('indicators page data', () => {
  it('spans the period day by day and finds the period of the same length before it', () => {
    expect(daysOf('2026-10-30', '2026-11-02')).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(previousPeriod('2026-11-01', '2026-11-30')).toEqual({ from: '2026-10-02', to: '2026-10-31' });
  });

  it('sums the headline figures, leaving hidden ones out rather than counting them as zero', () => {
    expect(summary(data)).toEqual({ activePerDay: 4.5, actions: 40, delivered: 30, ackMedianMinutes: 12.5 });
  });

  it('writes each chart’s CSV for French spreadsheets: BOM, semicolons, quoting, hidden figures empty', () => {
    const text = csvText(csvRows(data, 'reach', t));
    expect(text).toBe('\uFEFFactualité;publiée le;classe;familles;part lue\r\n"Sortie ; ""musée""";2026-11-02;Toutes les familles;30;0.6\r\n"Sortie ; ""musée""";2026-11-02;6A;3;\r\n');
    expect(csvRows(data, 'active', t)).toEqual([
      ['jour', 'profil', 'personnes'],
      ['2026-11-02', 'Responsables', 12],
      ['2026-11-02', 'Enseignants', 6],
      ['2026-11-03', 'Responsables', null],
    ]);
    expect(csvRows(data, 'absences', t)[1]).toEqual([9, 12.5, 80, 0.111]);
    expect(csvRows(data, 'lists', t)).toEqual([
      ['envoi', 'envoyé le', 'classe', 'familles', 'part lue'],
      ['Piscine', '2026-11-03', 'Toutes les familles', 20, 0.5],
      ['Piscine', '2026-11-03', '6A', 12, 0.583],
    ]);
    expect(csvRows(data, 'screens', t)).toEqual([['jour', 'écran', 'minutes en ligne'], ['2026-11-02', 'Hall', 600]]);
  });
});
