import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { useResource } from '../shared/use-resource.hook';

export const SEARCH_DEBOUNCE_MS = 300;
export const PAGE_SIZE = 25;

/** The customer list for what is typed, searched 300 ms after typing stops. */
export function useCustomerSearch() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(text.trim());
      setOffset(0);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const [result, reload] = useResource(
    () => api.customers.list({ q: query || undefined, limit: PAGE_SIZE, offset }),
    [query, offset],
  );
  return {
    text,
    setText,
    query,
    result,
    reload,
    offset,
    next: () => setOffset((o) => o + PAGE_SIZE),
    previous: () => setOffset((o) => Math.max(0, o - PAGE_SIZE)),
  };
}
