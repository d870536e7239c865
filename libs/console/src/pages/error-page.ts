import { html } from 'hono/html';
import type { Html } from './layout.js';

/** A 400 page: every problem with the request, each naming its parameter. */
export function badRequestPage(problems: readonly string[]): Html {
  return html`<p>The request's parameters are not valid:</p><ul class="problems">${problems.map((p) => html`<li>${p}</li>`)}</ul><p><a href="/runs">Back to the runs</a></p>`;
}

export function notFoundPage(what: string): Html {
  return html`<p>${what}</p><p><a href="/runs">Back to the runs</a></p>`;
}
