/**
 * A new signing secret, shown this once (the server never shows it again): in a read-only field
 * that selects itself on focus, with a copy button, and a button to hide it once it is kept. The
 * panel takes the focus when it appears, so a screen reader announces it.
 */
import { useEffect, useRef, useState } from 'react';

export function SecretOnce({
  secret,
  url,
  rotated,
  onDone,
}: {
  secret: string;
  url: string;
  rotated: boolean;
  onDone: () => void;
}) {
  const ref = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to the secret each time a new one is shown
  useEffect(() => ref.current?.focus(), [secret]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard (permission refused): the field is selected for a manual copy instead.
      document.getElementById('new-secret')?.focus();
      setCopied('no');
    }
  };

  return (
    <section ref={ref} tabIndex={-1} className="card secret-once" aria-labelledby="secret-title">
      <h2 id="secret-title">{rotated ? 'The new signing secret' : 'Your endpoint is registered'}</h2>
      <p>
        Messages to <code>{url}</code> are signed with this secret.{' '}
        <strong>Copy it now: it will not be shown again.</strong> Keep it in your receiver, which checks the{' '}
        <code>webhook-signature</code> header of each message with it (Standard Webhooks).
        {rotated ? ' The previous secret no longer signs anything.' : ''}
      </p>
      <div className="field">
        <label htmlFor="new-secret" className="field-label">
          Signing secret
        </label>
        <input
          id="new-secret"
          className="secret-field"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <div className="form-actions">
        <button type="button" onClick={() => void copy()}>
          Copy the secret
        </button>
        <button type="button" className="button-primary" onClick={onDone}>
          I have kept it
        </button>
        <span role="status" className="muted">
          {copied === 'yes'
            ? 'Copied to the clipboard.'
            : copied === 'no'
              ? 'Copying is not available here: the secret is selected, copy it with your keyboard.'
              : ''}
        </span>
      </div>
    </section>
  );
}
