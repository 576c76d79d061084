/**
 * Search-as-you-type for any text field: a WAI-ARIA combobox whose listbox shows concepts matching
 * the text (by name, alias or summary), picked with the mouse, or the arrow keys and Enter. Enter
 * without a chosen row takes the exact name or alias match when there is one, else the best hit.
 */
import { type ApiError, type SearchHit, searchConcepts } from './api.ts';
import { debounce, h } from './dom.ts';
import { kindStyle } from './map/styles.ts';
import { bestHitIndex, isExactMatch, matchedAlias } from './search-match.ts';

export interface SuggestOptions {
  input: HTMLInputElement;
  list: HTMLElement;
  onPick: (concept: SearchHit['concept']) => void;
  onError: (error: ApiError) => void;
  /** Clear the field after a pick (main search) or show the picked name (route endpoints). */
  clearOnPick?: boolean;
}

let ids = 0;

export function attachSuggest({ input, list, onPick, onError, clearOnPick = true }: SuggestOptions): void {
  const prefix = `sugg-${++ids}`;
  let hits: SearchHit[] = [];
  let hitsFor = '';
  let active = -1;
  let generation = 0;

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
      const alias = matchedAlias(hit.concept, text);
      list.append(
        h(
          'div',
          {
            id: `${prefix}-${i}`,
            role: 'option',
            'aria-selected': 'false',
            'data-slug': hit.concept.slug,
            'data-exact': isExactMatch(hit.concept, text) ? 'true' : null,
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

  const lookup = async (text: string): Promise<boolean> => {
    const mine = ++generation;
    try {
      const found = await searchConcepts(text);
      if (mine !== generation) return false;
      hits = found;
      hitsFor = text;
      return true;
    } catch (error) {
      if (mine === generation) onError(error as ApiError);
      return false;
    }
  };

  const suggest = debounce(async (text: string) => {
    if ((await lookup(text)) && input.value.trim() === text && document.activeElement === input) render(text);
  }, 120);

  input.addEventListener('input', () => {
    const text = input.value.trim();
    if (text.length === 0) {
      generation++;
      hits = [];
      hitsFor = '';
      close();
      return;
    }
    suggest(text);
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
      const text = input.value.trim();
      if (!text) return;
      // Enter decides now: a suggestion search still waiting for the typing to stop would only
      // compete with what the pick asks the server for next (a study plan, a route, a map).
      suggest.cancel();
      if (open && active >= 0 && hitsFor === text) {
        pick(active);
        return;
      }
      // Enter on the text itself: the exact match wins, whether or not suggestions arrived yet.
      const choose = () => {
        const best = bestHitIndex(
          hits.map((hit) => hit.concept),
          text,
        );
        if (best >= 0) pick(best);
        else render(text);
      };
      if (hitsFor === text) {
        choose();
        return;
      }
      generation++; // a suggestion still on its way must not reopen the list
      searchConcepts(text)
        .then((found) => {
          if (input.value.trim() !== text) return;
          hits = found;
          hitsFor = text;
          choose();
        })
        .catch((error) => onError(error as ApiError));
    } else if (event.key === 'Escape') {
      close();
    }
  });

  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('focus', () => {
    const text = input.value.trim();
    if (hits.length > 0 && text === hitsFor && text) render(text);
  });
}
