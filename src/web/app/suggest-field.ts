/** A labelled search field with suggestions, for goals, "I know…" and route endpoints. */
import type { SearchHit } from './api.ts';
import type { App } from './app.ts';
import { h } from './dom.ts';
import { attachSuggest } from './suggest.ts';

export function suggestField(
  app: App,
  id: string,
  label: string,
  onPick: (concept: SearchHit['concept']) => void,
  value = '',
): HTMLElement {
  const input = h('input', {
    id,
    type: 'search',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': `${id}-list`,
    'data-focus': id,
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'Type a concept…',
    value,
  });
  const list = h('div', {
    id: `${id}-list`,
    role: 'listbox',
    'aria-label': `${label}: suggestions`,
    class: 'suggestions',
    hidden: true,
  });
  attachSuggest({
    input,
    list,
    onPick: (concept) => {
      app.store.remember([concept]);
      onPick(concept);
    },
    onError: (error) => app.fail(error),
    clearOnPick: !value && !id.startsWith('path-'),
  });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, list);
}
