import { useState } from 'react';

/** A secret or link shown once, with a copy button. */
export function CopyBox({ value, testId }: { value: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="copy-box">
      <code className="copy-box__value" data-testid={testId}>
        {value}
      </code>
      <button type="button" className="button button--small" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
