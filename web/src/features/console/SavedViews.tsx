/** The signed-in staff member's saved views of the queue: open one, save the current one, remove one. */
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../lib/api.ts';
import type { SavedView } from '../../lib/api-types.ts';
import { TextField } from '../../components/fields.tsx';

export function SavedViews({ current }: { current: string }) {
  const views = useQuery({
    queryKey: ['saved-views'],
    queryFn: ({ signal }) => api<{ items: SavedView[] }>('/api/v1/saved-views', { signal }).then((r) => r.items),
  });
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Name the view');
    setError(undefined);
    try {
      await api('/api/v1/saved-views', {
        method: 'POST',
        json: { name: name.trim(), query: current.replace(/^\?/, '') },
      });
      setName('');
      await views.refetch();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const remove = async (id: string) => {
    await api(`/api/v1/saved-views/${id}`, { method: 'DELETE' }).catch(() => undefined);
    await views.refetch();
  };

  return (
    <section className="saved-views" aria-labelledby="views-title">
      <h2 id="views-title" className="subhead">
        Saved views
      </h2>
      <ul className="view-list">
        <li>
          <Link to="/console?assignee=me">My queue</Link>
        </li>
        <li>
          <Link to="/console?assignee=none">Unassigned</Link>
        </li>
        <li>
          <Link to="/console?view=overdue">Overdue</Link>
        </li>
        <li>
          <Link to="/console?view=due_soon">Due soon</Link>
        </li>
        <li>
          <Link to="/console?view=ageing">Ageing</Link>
        </li>
        {(views.data ?? []).map((v) => (
          <li key={v.id}>
            <Link to={`/console${v.query ? `?${v.query}` : ''}`}>{v.name}</Link>{' '}
            <button type="button" className="button-quiet small" onClick={() => void remove(v.id)}>
              Remove<span className="visually-hidden"> the view {v.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <form className="save-view" onSubmit={(e) => void save(e)} aria-label="Save this view" noValidate>
        <TextField
          id="view-name"
          label="Save these filters as"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          error={error}
        />
        <button type="submit">Save view</button>
      </form>
    </section>
  );
}
