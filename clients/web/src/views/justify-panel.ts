import { html } from 'lit';
import type { AbsenceDto, JustificationReviewItemDto, ReasonDto } from '../../../../server/contracts/absences';
import { api } from '../../../shared/api';
import '../components/justify-form';
import type { JustifyForm } from '../components/justify-form';
import { describeAbsenceError } from '../lib/absences-errors';
import { i18n } from '../i18n';
import type { AbsencesPage } from './absences-page';
import { reportSessionLoss } from './session-loss';

/**
 * The justify form of a page (vie scolaire's dashboard, a guardian's absences): the school's
 * reasons, loaded the first time the form opens and kept, or why they could not be loaded;
 * the page re-renders as they arrive.
 */
export class JustifyPanel {
  reasons: ReasonDto[] | null = null;
  reasonsError = '';

  constructor(private readonly host: AbsencesPage) {}

  /** The page has just put the form in its state: the reasons loaded if need be, focus on the form's title. */
  async opened(): Promise<void> {
    if (!this.reasons) void this.loadReasons();
    await this.host.updateComplete;
    await this.host.renderRoot.querySelector<JustifyForm>('pw-justify-form')?.focusTitle();
  }

  private async loadReasons(): Promise<void> {
    this.reasonsError = '';
    this.host.requestUpdate();
    try {
      this.reasons = await api.get<ReasonDto[]>(`${this.host.schoolPath}/absences/reasons`);
    } catch (err) {
      reportSessionLoss(this.host, err);
      this.reasonsError = describeAbsenceError(err, 'load', i18n.t);
    }
    this.host.requestUpdate();
  }

  /** The form for `childName`'s `absences`, `initial` ticked; `staff` for vie scolaire (accepted at once). */
  render(form: {
    staff?: boolean;
    childName: string;
    absences: AbsenceDto[];
    initial: string[];
    onJustified: (e: CustomEvent<JustificationReviewItemDto>) => void;
    onCancel: () => void;
  }) {
    return html`<pw-justify-form
      ?staff=${form.staff ?? false}
      uai=${this.host.store.uai}
      timeZone=${this.host.timeZone}
      childName=${form.childName}
      .absences=${form.absences}
      .initial=${form.initial}
      .reasons=${this.reasons}
      reasonsError=${this.reasonsError}
      @pw-justified=${form.onJustified}
      @pw-cancel=${form.onCancel}
    ></pw-justify-form>`;
  }
}
