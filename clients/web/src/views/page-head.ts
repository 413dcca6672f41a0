import { html } from 'lit';

/** A page's title, focused by the shell when the page opens, and the sentence that says what it is for. */
export const pageHead = (title: string, lead: string) =>
  html`<div class="page-head">
    <div>
      <h1 tabindex="-1">${title}</h1>
      <p class="lead">${lead}</p>
    </div>
  </div>`;
