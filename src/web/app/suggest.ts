/**
 * Search-as-you-type for any text field: a WAI-ARIA combobox whose listbox shows concepts matching
 * the text (by name, alias or summary), picked with the mouse or the arrow keys and Enter.
 */
import { type ApiError, type SearchHit, searchConcepts } from './api.ts';
import { debounce, h } from './dom.ts';
import { kindStyle } from './styles.ts';

export interface SuggestOptions {
  input: HTMLInputElement;
  list: HTMLElement;
  onPick: (hit: SearchHit['concept']) => void;
  onError: (error: ApiError) => void;
  /** Clear the field after a pick (main search) or show the picked name (path endpoints). */
  clearOnPick?: boolean;
}

let ids = 0;

/** The alias that matched, when the name itself does not contain the text. */
function matchedAlias(hit: SearchHit, text: string): string | undefined {
  const needle = text.toLowerCase();
  if (hit.concept.name.toLowerCase().includes(needle)) return undefined;
  return hit.concept.aliases.find((alias) => alias.toLowerCase().includes(needle));
}

export function attachSuggest({ input, list, onPick, onError, clearOnPick = true }: SuggestOptions): void {
  const prefix = `sugg-${++ids}`;
  let hits: SearchHit[] = [];
  let active = -1;
  let generation = 0;
  let lastText = '';

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const setActive = (index: number) => {
    active = index;
    for (const [i, item] of [...list.children].entries()) {
      item.setAttribute('aria-selected', String(i === index));
      if (i === index) {
        input.setAttribute('aria-activedescendant', item.id);
        item.scrollIntoView({ block: 'nearest' });
      }
    }
  };

  const pick = (index: number) => {
    const hit = hits[index];
    if (!hit) return;
    close();
    input.value = clearOnPick ? '' : hit.concept.name;
    onPick(hit.concept);
  };

  const render = (text: string) => {
    list.replaceChildren();
    if (hits.length === 0) {
      list.append(
        h('div', { class: 'empty', role: 'option', 'aria-disabled': 'true' }, `No concept matches “${text}”`),
      );
    }
    for (const [i, hit] of hits.entries()) {
      const alias = matchedAlias(hit, text);
      list.append(
        h(
          'div',
          {
            id: `${prefix}-${i}`,
            role: 'option',
            'aria-selected': 'false',
            'data-slug': hit.concept.slug,
            onmousedown: ((event: MouseEvent) => {
              event.preventDefault();
              pick(i);
            }) as EventListener,
          },
          h('span', { class: 'name' }, hit.concept.name),
          alias ? h('span', { class: 'alias' }, `aka ${alias}`) : null,
          h('span', { class: 'kind' }, kindStyle(hit.concept.kind).label),
        ),
      );
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };

  const lookup = debounce(async (text: string) => {
    const mine = ++generation;
    try {
      const found = await searchConcepts(text);
      if (mine !== generation || input.value.trim() !== text) return;
      hits = found;
      render(text);
    } catch (error) {
      if (mine === generation) onError(error as ApiError);
    }
  }, 120);

  input.addEventListener('input', () => {
    const text = input.value.trim();
    lastText = text;
    if (text.length === 0) {
      generation++;
      hits = [];
      close();
      return;
    }
    lookup(text);
  });

  input.addEventListener('keydown', (event) => {
    const open = !list.hidden && hits.length > 0;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActive((active + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive((active - 1 + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (open) pick(Math.max(active, 0));
      else if (lastText) {
        // Enter before the suggestions arrived: search now and take the best hit.
        const text = lastText;
        searchConcepts(text, 8)
          .then((found) => {
            hits = found;
            if (found.length > 0) pick(0);
            else render(text);
          })
          .catch((error) => onError(error as ApiError));
      }
    } else if (event.key === 'Escape') {
      close();
    }
  });

  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('focus', () => {
    if (hits.length > 0 && input.value.trim() === lastText && lastText) render(lastText);
  });
}
