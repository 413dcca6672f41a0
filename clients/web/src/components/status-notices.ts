import { html, nothing } from 'lit';

/** A page or part of it on its way: the spinner and its words, announced politely. */
export const loadingNotice = (text: string) => html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${text}</p>`;

/** What could not be loaded, announced at once. */
export const loadFailedNotice = (text: string) => html`<p class="notice error" role="alert">${text}</p>`;

/** What could not be loaded, with the button that asks again. */
export const retryNotice = (text: string, retryLabel: string, retry: () => void) =>
  html`<div class="notice error" role="alert">
    <p>${text}</p>
    <p><button class="button small" type="button" @click=${retry}>${retryLabel}</button></p>
  </div>`;

/**
 * A form's save, once done: the refusal, announced at once, or what was saved, in a status
 * region that stays in the page so that the later text is read.
 */
export const saveOutcome = (error: string, done: string) =>
  html`${error ? html`<p class="notice error" role="alert">${error}</p>` : nothing}
    <div role="status">${done ? html`<p class="notice success">${done}</p>` : nothing}</div>`;
