import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { IndicatorsDto } from '../../../../server/contracts/indicators';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { icon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import { loadingNotice, retryNotice } from '../components/status-notices';
import { downloadCsv } from '../lib/csv-file';
import { csvRows, daysOf, previousPeriod, summary, type IndicatorChart } from '../lib/indicators-data';
import { i18n } from '../i18n';
import { pageHead } from './page-head';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, MatrixController, MatrixElement);

type ChartName = IndicatorChart;
const PROFILE_COLOURS: Record<string, string> = { guardian: '#1d4ed8', teacher: '#136c3a', student: '#8a4b00', staff: '#6b21a8', direction: '#b42318', admin: '#465065' };
const SERVICE_COLOURS: Record<string, string> = { news_read: '#1d4ed8', messages_sent: '#136c3a', roll_calls: '#8a4b00', justified_online: '#6b21a8' };
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * « Indicateurs »: direction's and admins' view of how the hub is used and how far messages
 * reach families, over a period they choose, against the period before. Every chart's data can
 * be taken away as CSV; hidden figures (fewer than 5 people) are gaps, never zeros.
 */
@customElement('pw-indicators-view')
export class IndicatorsView extends LitElement {
  static override styles = [
    base,
    newsStyles,
    css`
      form.period {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--pu-space-3);
        margin-block-end: var(--pu-space-4);
      }
      form.period label {
        display: grid;
        gap: var(--pu-space-1);
        font-weight: 600;
      }
      form.period .check {
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        font-weight: 400;
        min-height: 40px;
      }
      .kpis {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
        gap: var(--pu-space-3);
        margin-block-end: var(--pu-space-4);
      }
      .kpi {
        background: var(--pu-surface);
        border: 1px solid var(--pu-border);
        border-radius: 8px;
        padding: var(--pu-space-3) var(--pu-space-4);
      }
      .kpi .value {
        font-size: 1.8rem;
        font-weight: 700;
      }
      .kpi .label,
      .kpi .previous {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr));
        gap: var(--pu-space-4);
      }
      section.chart {
        background: var(--pu-surface);
        border: 1px solid var(--pu-border);
        border-radius: 8px;
        padding: var(--pu-space-4);
        display: grid;
        gap: var(--pu-space-2);
      }
      section.chart header {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--pu-space-2);
        flex-wrap: wrap;
      }
      section.chart h2 {
        font-size: var(--pu-text-l);
        margin: 0;
      }
      .canvas {
        position: relative;
        height: 260px;
      }
      .hint {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
        margin: 0;
      }
      dl.absences {
        display: grid;
        grid-template-columns: repeat(2, 1fr);
        gap: var(--pu-space-3);
        margin: 0;
      }
      dl.absences dt {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      dl.absences dd {
        margin: 0;
        font-size: 1.5rem;
        font-weight: 700;
      }
    `,
  ];

  @property() uai = '';
  @state() private from = iso(new Date(Date.now() - 30 * 86_400_000));
  @state() private to = iso(new Date());
  @state() private compare = true;
  @state() private data: IndicatorsDto | null = null;
  @state() private previous: IndicatorsDto | null = null;
  @state() private loading = false;
  @state() private error = '';

  private readonly locale = new LocaleController(this, i18n);
  private charts: Chart[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.destroyCharts();
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async load(): Promise<void> {
    const t = i18n.t;
    if (this.from > this.to || Date.parse(this.to) - Date.parse(this.from) > 366 * 86_400_000) {
      this.error = t('indicators.badPeriod');
      return;
    }
    this.loading = true;
    this.error = '';
    try {
      const get = (p: { from: string; to: string }) => api.get<IndicatorsDto>(`/schools/${this.uai}/indicators?from=${p.from}&to=${p.to}`);
      const [data, previous] = await Promise.all([get({ from: this.from, to: this.to }), this.compare ? get(previousPeriod(this.from, this.to)) : Promise.resolve(null)]);
      this.data = data;
      this.previous = previous;
    } catch {
      this.error = t('indicators.error');
    } finally {
      this.loading = false;
    }
  }

  protected override updated(): void {
    this.destroyCharts();
    if (this.data) this.drawCharts(this.data);
  }

  private destroyCharts(): void {
    for (const c of this.charts) c.destroy();
    this.charts = [];
  }

  override render() {
    const t = i18n.t;
    return html`
      ${pageHead(t('indicators.title'), t('indicators.lead'))}
      <form class="period" @submit=${this.onSubmit}>
        <label>${t('indicators.from')} <input type="date" name="from" .value=${this.from} required /></label>
        <label>${t('indicators.to')} <input type="date" name="to" .value=${this.to} required /></label>
        <label class="check"><input type="checkbox" name="compare" .checked=${this.compare} /> ${t('indicators.compare')}</label>
        <button class="button primary" type="submit" ?disabled=${this.loading}>${t('indicators.apply')}</button>
      </form>
      ${this.error ? retryNotice(this.error, t('app.retry'), () => void this.load()) : nothing}
      ${this.loading && !this.data ? loadingNotice(t('indicators.loading')) : nothing}
      ${this.data ? this.renderData(this.data) : nothing}
    `;
  }

  private renderData(d: IndicatorsDto) {
    const t = i18n.t;
    const now = summary(d);
    const before = this.previous ? summary(this.previous) : null;
    const kpi = (label: string, value: number | null, previous: number | null | undefined, unit = '') => html`<div class="kpi">
      <div class="value">${value === null ? '—' : `${value.toLocaleString(i18n.locale)}${unit}`}</div>
      <div class="label">${label}</div>
      ${this.previous
        ? html`<div class="previous">${previous === null || previous === undefined ? t('indicators.kpi.none') : t('indicators.kpi.previous', { value: `${previous.toLocaleString(i18n.locale)}${unit}` })}</div>`
        : nothing}
    </div>`;
    return html`
      <div class="kpis" data-testid="indicator-kpis">
        ${kpi(t('indicators.kpi.active'), now.activePerDay, before?.activePerDay)} ${kpi(t('indicators.kpi.actions'), now.actions, before?.actions)}
        ${kpi(t('indicators.kpi.delivered'), now.delivered, before?.delivered)} ${kpi(t('indicators.kpi.ack'), now.ackMedianMinutes, before?.ackMedianMinutes, ' min')}
      </div>
      <p class="hint">${t('indicators.hidden')}</p>
      <div class="charts">
        ${this.chartSection('active', t('indicators.chart.active'))}
        ${this.chartSection('heatmap', t('indicators.chart.heatmap'), t('indicators.chart.heatmapHint'))}
        ${this.chartSection('services', t('indicators.chart.services'))}
        ${this.chartSection('deliveries', t('indicators.chart.deliveries'))}
        ${d.newsReach.length ? this.chartSection('reach', t('indicators.chart.reach')) : this.emptySection('reach', t('indicators.chart.reach'), t('indicators.reach.none'))}
        ${d.listReach.length ? this.chartSection('lists', t('indicators.chart.lists')) : this.emptySection('lists', t('indicators.chart.lists'), t('indicators.lists.none'))}
        ${d.screenUptime.length
          ? this.chartSection('screens', t('indicators.chart.screens'), t('indicators.chart.screensHint'))
          : this.emptySection('screens', t('indicators.chart.screens'), t('indicators.screens.none'))}
        <section class="chart" data-testid="chart-absences" aria-labelledby="h-absences">
          <header>
            <h2 id="h-absences">${t('indicators.chart.absences')}</h2>
            <button class="button" type="button" @click=${() => this.exportCsv('absences')}>${icon('download', 16)} ${t('indicators.csv')}</button>
          </header>
          <dl class="absences">
            <div><dt>${t('indicators.absences.alerts')}</dt><dd>${d.absenceAlerts.alerts}</dd></div>
            <div><dt>${t('indicators.absences.median')}</dt><dd>${this.minutes(d.absenceAlerts.medianMinutes)}</dd></div>
            <div><dt>${t('indicators.absences.p90')}</dt><dd>${this.minutes(d.absenceAlerts.p90Minutes)}</dd></div>
            <div><dt>${t('indicators.absences.never')}</dt><dd>${d.absenceAlerts.neverShare === null ? '—' : `${Math.round(d.absenceAlerts.neverShare * 100)} %`}</dd></div>
          </dl>
        </section>
      </div>
    `;
  }

  private minutes(value: number | null): string {
    return value === null ? '—' : i18n.t('indicators.minutes', { n: value.toLocaleString(i18n.locale) });
  }

  private chartSection(name: ChartName, title: string, hint = '') {
    const t = i18n.t;
    return html`<section class="chart" data-testid=${`chart-${name}`} aria-labelledby=${`h-${name}`}>
      <header>
        <h2 id=${`h-${name}`}>${title}</h2>
        <button class="button" type="button" @click=${() => this.exportCsv(name)}>${icon('download', 16)} ${t('indicators.csv')}</button>
      </header>
      ${hint ? html`<p class="hint">${hint}</p>` : nothing}
      <div class="canvas"><canvas id=${`c-${name}`} role="img" aria-label=${title}></canvas></div>
    </section>`;
  }

  /** A chart with nothing to draw says so instead of showing empty axes. */
  private emptySection(name: ChartName, title: string, note: string) {
    return html`<section class="chart" data-testid=${`chart-${name}`} aria-labelledby=${`h-${name}`}>
      <header><h2 id=${`h-${name}`}>${title}</h2></header>
      <p class="hint">${note}</p>
    </section>`;
  }

  private exportCsv(name: ChartName): void {
    if (!this.data) return;
    downloadCsv(`indicateurs-${name}-${this.data.from}-${this.data.to}.csv`, csvRows(this.data, name, i18n.t));
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.from = String(form.get('from'));
    this.to = String(form.get('to'));
    this.compare = form.get('compare') === 'on';
    void this.load();
  }

  private drawCharts(d: IndicatorsDto): void {
    const t = i18n.t;
    const days = daysOf(d.from, d.to);
    const label = (day: string) => new Intl.DateTimeFormat(i18n.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
    const draw = (name: ChartName, config: ChartConfiguration<any>) => {
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`#c-${name}`);
      if (canvas) this.charts.push(new Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } }));
    };
    const byDay = <R extends { day: string }>(rows: R[], pick: (r: R) => boolean, value: (r: R) => number | null) =>
      days.map((day) => {
        const hit = rows.filter((r) => r.day === day && pick(r));
        if (hit.length === 0) return 0;
        const values = hit.map(value);
        return values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + (b ?? 0), 0);
      });

    const profiles = [...new Set(d.activePeople.map((r) => r.profile))];
    draw('active', {
      type: 'line',
      data: {
        labels: days.map(label),
        datasets: profiles.map((p) => ({ label: t(`indicators.profile.${p}`), data: byDay(d.activePeople, (r) => r.profile === p, (r) => r.people), borderColor: PROFILE_COLOURS[p], backgroundColor: PROFILE_COLOURS[p], spanGaps: false, tension: 0.2 })),
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });

    const max = Math.max(1, ...d.heatmap.map((c) => c.people ?? 0));
    const hours = Array.from({ length: 24 }, (_, h) => `${h} h`);
    const weekdays = [1, 2, 3, 4, 5, 6, 7].map((w) => t(`indicators.weekday.${w}` as 'indicators.weekday.1'));
    draw('heatmap', {
      type: 'matrix',
      data: {
        datasets: [
          {
            label: t('indicators.chart.heatmap'),
            data: d.heatmap.map((c) => ({ x: hours[c.hour], y: weekdays[c.weekday - 1], v: c.people })),
            // a hidden cell (fewer than 5 people) is grey, never a colour that would read as a figure
            backgroundColor: (ctx: any) => {
              const v = ctx.raw?.v;
              return v === null || v === undefined ? '#e5e7eb' : `rgba(29, 78, 216, ${0.15 + (0.85 * v) / max})`;
            },
            width: ({ chart }: any) => (chart.chartArea?.width ?? 0) / 24 - 2,
            height: ({ chart }: any) => (chart.chartArea?.height ?? 0) / 7 - 2,
          },
        ],
      },
      options: {
        plugins: { legend: { display: false }, tooltip: { callbacks: { title: () => '', label: (ctx: any) => `${ctx.raw.y} ${ctx.raw.x} : ${ctx.raw.v ?? '—'}` } } },
        scales: {
          x: { type: 'category', labels: hours, offset: true, ticks: { autoSkip: true, maxRotation: 0 }, grid: { display: false } },
          y: { type: 'category', labels: weekdays, offset: true, reverse: true, grid: { display: false } },
        },
      },
    });

    const services = [...new Set(d.services.map((r) => r.service))];
    draw('services', {
      type: 'bar',
      data: {
        labels: days.map(label),
        datasets: services.map((s) => ({ label: t(`indicators.service.${s}`), data: byDay(d.services, (r) => r.service === s, (r) => r.actions), backgroundColor: SERVICE_COLOURS[s] })),
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });

    const outcomes: Array<{ label: string; colour: string; pick: (r: IndicatorsDto['deliveries'][number]) => boolean }> = [
      { label: t('indicators.delivery.push.sent'), colour: '#1d4ed8', pick: (r) => r.channel === 'push' && r.status === 'sent' },
      { label: t('indicators.delivery.email.sent'), colour: '#136c3a', pick: (r) => r.channel === 'email' && r.status === 'sent' },
      { label: t('indicators.delivery.suppressed'), colour: '#8b94a7', pick: (r) => r.status === 'suppressed' || r.status === 'skipped' },
      { label: t('indicators.delivery.failed'), colour: '#b42318', pick: (r) => r.status === 'failed' },
    ];
    draw('deliveries', {
      type: 'bar',
      data: { labels: days.map(label), datasets: outcomes.map((o) => ({ label: o.label, data: byDay(d.deliveries, o.pick, (r) => r.deliveries), backgroundColor: o.colour })) },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });

    const reach = (name: 'reach' | 'lists', items: Array<{ title: string; readShare: number | null; classes: Array<{ className: string; readShare: number | null }> }>) => {
      const percent = (share: number | null | undefined) => (share === null || share === undefined ? null : Math.round(share * 100));
      const classes = [...new Set(items.flatMap((n) => n.classes.map((c) => c.className)))].sort();
      draw(name, {
        type: 'bar',
        data: {
          labels: items.map((n) => n.title),
          datasets: [
            { label: t('indicators.reach.all'), data: items.map((n) => percent(n.readShare)), backgroundColor: '#1d4ed8' },
            ...classes.map((c, i) => ({
              label: c,
              data: items.map((n) => percent(n.classes.find((x) => x.className === c)?.readShare)),
              backgroundColor: ['#93c5fd', '#86efac', '#fcd34d', '#c4b5fd', '#fca5a5'][i % 5],
            })),
          ],
        },
        options: { indexAxis: 'y', scales: { x: { min: 0, max: 100, ticks: { callback: (v: number) => `${v} %` } } } },
      });
    };
    reach('reach', d.newsReach);
    reach('lists', d.listReach.map((m) => ({ ...m, title: m.subject })));

    const screens = [...new Map(d.screenUptime.map((r) => [r.screenId, r.name])).entries()];
    draw('screens', {
      type: 'bar',
      data: {
        labels: days.map(label),
        datasets: screens.map(([id, name], i) => ({
          label: name,
          data: days.map((day) => Math.round(((d.screenUptime.find((r) => r.day === day && r.screenId === id)?.onlineMinutes ?? 0) / 60) * 10) / 10),
          backgroundColor: ['#1d4ed8', '#136c3a', '#8a4b00', '#6b21a8', '#b42318'][i % 5],
        })),
      },
      options: { scales: { y: { beginAtZero: true, max: 24, ticks: { callback: (v: number) => `${v} h` } } } },
    });
  }
}
