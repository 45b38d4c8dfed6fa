/**
 * A link to a file of the API. The API wants credentials that a plain link does not carry, so a
 * plain click fetches the file and hands it to the browser as a download (a click with a modifier
 * is left to the browser); a failure is shown where the page puts `alert`.
 */
import { type MouseEvent, type ReactNode, useState } from 'react';
import { downloadFile } from './api.ts';

export function useDownloadLink(): {
  alert: ReactNode;
  download: (e: MouseEvent<HTMLAnchorElement>, name: string) => Promise<void>;
} {
  const [error, setError] = useState<string | null>(null);
  const download = async (e: MouseEvent<HTMLAnchorElement>, name: string) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    setError(null);
    try {
      await downloadFile(e.currentTarget.pathname, name);
    } catch (err) {
      setError(`Could not download ${name}: ${(err as Error).message}`);
    }
  };
  const alert = error && (
    <p className="field-error" role="alert">
      {error}
    </p>
  );
  return { alert, download };
}
