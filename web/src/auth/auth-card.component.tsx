import type { ReactNode } from 'react';

/** The centred card of the sign-in, setup, reset and invite pages. */
export function AuthCard({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="sign-in">
      <div className="card sign-in__card">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden>
            ⇄
          </span>{' '}
          Switchyard
        </div>
        <h1 className="auth__title">{title}</h1>
        {intro && <p className="muted">{intro}</p>}
        {children}
      </div>
    </div>
  );
}
