/** A tiny element builder and focus keeper: enough DOM for the panels without a framework. */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (key === 'class') element.className = String(value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/**
 * Compares display names, case-insensitively. Not `localeCompare` or `Intl.Collator`: building a
 * collator costs more than sorting the whole map on a slow phone, and the names are English.
 */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Replaces an element's content, skipping absent parts. */
export function fill(parent: HTMLElement, ...children: (Child | Child[])[]): void {
  parent.replaceChildren(
    ...children
      .flat()
      .filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false)
      .map((c) => (c instanceof Node ? c : String(c))),
  );
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element as T;
}

/** `fn` called `ms` after the last call; `cancel()` drops a call still waiting. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  return Object.assign(call, { cancel: () => clearTimeout(timer) });
}

/**
 * Panels are redrawn after every change; these keep the keyboard where it was. Controls carry a
 * `data-focus` key naming what they do ("expand:runc"); after a redraw the control with the same
 * key (or the fallback) gets the focus back, instead of it dropping to the page body.
 */
let pendingFocus: { key: string; fallback?: string; explicit?: boolean } | undefined;

export function rememberFocus(fallback?: string): void {
  if (pendingFocus?.explicit) return;
  const active = document.activeElement as HTMLElement | null;
  const key = active?.closest<HTMLElement>('[data-focus]')?.dataset.focus;
  if (key) pendingFocus = { key, fallback };
  else if (fallback && (!active || active === document.body)) pendingFocus = { key: fallback };
}

/** Asks for the focus to land on `key` after the next redraw (an action's natural next stop). */
export function focusNext(key: string, fallback?: string): void {
  pendingFocus = { key, fallback, explicit: true };
}

export function restoreFocus(): void {
  if (!pendingFocus) return;
  const { key, fallback } = pendingFocus;
  const usable = (k: string | undefined) => {
    const el = k ? document.querySelector<HTMLElement>(`[data-focus="${CSS.escape(k)}"]`) : null;
    // No layout queries here (getClientRects would force one after every redraw).
    return el && !(el as HTMLButtonElement).disabled && !el.closest('[hidden]') ? el : null;
  };
  const target = usable(key) ?? usable(fallback);
  if (!target) return;
  pendingFocus = undefined;
  if (document.activeElement !== target) target.focus();
}
