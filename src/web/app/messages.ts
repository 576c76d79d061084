/**
 * What the page tells the learner, without moving anything: a busy bar and a status line that
 * float over the map (so the layout never shifts), and an error banner that floats over the top
 * of the content. Feedback such as "Added 3 concepts" stays until the next action replaces it;
 * loading never overwrites it.
 */
import { ApiError } from './api.ts';
import { byId, h } from './dom.ts';

const statusEl = () => byId('status');
const alertEl = () => byId('alert');

export function setBusy(inFlight: number): void {
  document.body.dataset.loading = String(inFlight);
  byId('busy').classList.toggle('active', inFlight > 0);
  byId('main').setAttribute('aria-busy', String(inFlight > 0));
}

/** Feedback on the last action, read out politely by screen readers. */
export function say(text: string): void {
  const el = statusEl();
  el.textContent = text;
  el.hidden = text === '';
}

export function clearAlert(): void {
  const el = alertEl();
  el.hidden = true;
  el.dataset.code = '';
  el.replaceChildren();
}

export const alertShown = () => !alertEl().hidden;

export interface AlertActions {
  retry: () => void;
  /** A link that moves the focus to a suggested slug. */
  link: (slug: string) => HTMLElement;
}

export function showError(error: unknown, actions: AlertActions): void {
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError(error instanceof Error ? error.message : String(error), 'CLIENT_ERROR');
  const el = alertEl();
  el.dataset.code = apiError.code;
  const close = h(
    'button',
    { type: 'button', class: 'alert-close', 'aria-label': 'Dismiss', onclick: clearAlert },
    '×',
  );
  if (apiError.code === 'CONCEPT_NOT_FOUND') {
    // The server's message already lists its suggestions; say it once, as links, and offer no
    // pointless Retry (the same slug would fail the same way).
    const unknown = apiError.slugs.length > 0 ? apiError.slugs.map((s) => `“${s}”`).join(', ') : 'that';
    el.replaceChildren(h('strong', {}, 'Unknown concept. '), `No concept is called ${unknown}.`);
    if (apiError.suggestions.length > 0) {
      el.append(
        ' Did you mean ',
        ...apiError.suggestions.slice(0, 5).flatMap((slug, i) => [i > 0 ? ', ' : '', actions.link(slug)]),
        '?',
      );
    }
    el.append(close);
  } else {
    el.replaceChildren(
      h('strong', {}, 'Something went wrong. '),
      apiError.message,
      h('button', { type: 'button', class: 'btn small', onclick: actions.retry }, 'Retry'),
      close,
    );
  }
  el.hidden = false;
}
