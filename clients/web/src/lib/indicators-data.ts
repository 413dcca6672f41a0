import type { IndicatorsDto } from '../../../../server/contracts/indicators';

type T = (key: any, params?: Record<string, string | number>) => string;

/** The dashboard's charts, each with its CSV. */
export type IndicatorChart = 'active' | 'heatmap' | 'services' | 'deliveries' | 'reach' | 'lists' | 'screens' | 'absences';

/** Every day of a period, in order (the charts' x axis: a day without data is a day at zero or hidden). */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10));
  return days;
}

/** The period of the same length just before (for the comparison). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) + 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(Date.parse(`${from}T00:00:00Z`) - length), to: iso(Date.parse(`${from}T00:00:00Z`) - 86_400_000) };
}

/** The headline figures of a period; null where what stands behind them is hidden. */
export function summary(d: IndicatorsDto) {
  const days = daysOf(d.from, d.to).length;
  const perDay = new Map<string, number>();
  for (const r of d.activePeople) if (r.people !== null) perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.people);
  const actions = d.services.reduce((n, s) => n + (s.actions ?? 0), 0);
  const delivered = d.deliveries.filter((r) => r.status === 'sent').reduce((n, r) => n + (r.deliveries ?? 0), 0);
  return {
    activePerDay: perDay.size ? Math.round(([...perDay.values()].reduce((a, b) => a + b, 0) / days) * 10) / 10 : null,
    actions,
    delivered,
    ackMedianMinutes: d.absenceAlerts.medianMinutes,
  };
}

/** The rows of each chart's CSV file: a header, then one line per point, hidden figures empty. */
export function csvRows(d: IndicatorsDto, chart: IndicatorChart, t: T): Array<Array<string | number | null>> {
  switch (chart) {
    case 'active':
      return [[t('indicators.csv.day'), 'profil', 'personnes'], ...d.activePeople.map((r) => [r.day, t(`indicators.profile.${r.profile}`), r.people])];
    case 'heatmap':
      return [['jour de la semaine', 'heure', 'personnes (moyenne)'], ...d.heatmap.map((c) => [t(`indicators.weekday.${c.weekday}`), `${c.hour} h`, c.people])];
    case 'services':
      return [[t('indicators.csv.day'), 'service', 'actions'], ...d.services.map((r) => [r.day, t(`indicators.service.${r.service}`), r.actions])];
    case 'deliveries':
      return [[t('indicators.csv.day'), 'canal', 'résultat', 'envois'], ...d.deliveries.map((r) => [r.day, r.channel, r.status, r.deliveries])];
    case 'absences':
      return [
        ['alertes', 'délai médian (min)', '9 sur 10 avant (min)', 'part jamais accusée'],
        [d.absenceAlerts.alerts, d.absenceAlerts.medianMinutes, d.absenceAlerts.p90Minutes, d.absenceAlerts.neverShare],
      ];
    case 'lists':
      return [
        ['envoi', 'envoyé le', 'classe', 'familles', 'part lue'],
        ...d.listReach.flatMap((n) => [
          [n.subject, n.sentDay, t('indicators.reach.all'), n.guardians, n.readShare],
          ...n.classes.map((c) => [n.subject, n.sentDay, c.className, c.guardians, c.readShare]),
        ]),
      ];
    case 'screens':
      return [[t('indicators.csv.day'), 'écran', 'minutes en ligne'], ...d.screenUptime.map((r) => [r.day, r.name, r.onlineMinutes])];
    case 'reach':
      return [
        ['actualité', 'publiée le', 'classe', 'familles', 'part lue'],
        ...d.newsReach.flatMap((n) => [
          [n.title, n.publishedDay, t('indicators.reach.all'), n.guardians, n.readShare],
          ...n.classes.map((c) => [n.title, n.publishedDay, c.className, c.guardians, c.readShare]),
        ]),
      ];
  }
}
