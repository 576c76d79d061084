/**
 * The view's state and how it moves: the URL is its single source (every change is a history
 * entry unless `replace`), map edits can be undone and redone, and names learnt from any answer
 * are kept so labels and titles never show a raw slug.
 */
import type { ConceptRef } from './api.ts';
import { parseState, serializeState, type ViewState } from './url-state.ts';

export interface GoOptions {
  /** Replace the current history entry instead of adding one (selection changes). */
  replace?: boolean;
  /** Record the previous state for Undo (map edits). */
  undoable?: boolean;
}

type Listener = (state: ViewState) => void;

export class Store {
  state: ViewState;
  private readonly undoStack: ViewState[] = [];
  private readonly redoStack: ViewState[] = [];
  private listener: Listener = () => {};
  readonly names = new Map<string, string>();

  constructor(search: string) {
    this.state = parseState(search);
    window.addEventListener('popstate', () => {
      this.state = parseState(location.search);
      this.listener(this.state);
    });
  }

  onChange(listener: Listener): void {
    this.listener = listener;
  }

  /** Moves to a new state: records it in the URL and renders it. */
  go(next: Partial<ViewState>, options: GoOptions = {}): void {
    const previous = this.state;
    this.state = { ...previous, ...next };
    if (options.undoable && serializeState(previous) !== serializeState(this.state)) {
      this.undoStack.push(previous);
      if (this.undoStack.length > 100) this.undoStack.shift();
      this.redoStack.length = 0;
    }
    this.record(options.replace === true);
    this.listener(this.state);
  }

  private record(replace: boolean) {
    const url = `${location.pathname}${serializeState(this.state)}`;
    if (url === `${location.pathname}${location.search}`) return;
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }

  get canUndo() {
    return this.undoStack.length > 0;
  }

  get canRedo() {
    return this.redoStack.length > 0;
  }

  undo(): boolean {
    const previous = this.undoStack.pop();
    if (!previous) return false;
    this.redoStack.push(this.state);
    this.state = previous;
    this.record(false);
    this.listener(this.state);
    return true;
  }

  redo(): boolean {
    const next = this.redoStack.pop();
    if (!next) return false;
    this.undoStack.push(this.state);
    this.state = next;
    this.record(false);
    this.listener(this.state);
    return true;
  }

  remember(concepts: readonly Pick<ConceptRef, 'slug' | 'name'>[]): void {
    for (const c of concepts) this.names.set(c.slug, c.name);
  }

  nameOf(slug: string): string {
    return this.names.get(slug) ?? slug;
  }

  /** The link a state would have (for real hrefs that also open in a new tab). */
  href(next: Partial<ViewState>): string {
    return `${location.pathname}${serializeState({ ...this.state, ...next })}`;
  }
}
