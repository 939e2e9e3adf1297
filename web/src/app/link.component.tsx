import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './router';
import { routePath, type Route } from './routes';

interface LinkProps {
  to: Route;
  className?: string;
  children: ReactNode;
  testId?: string;
}

/** An anchor that navigates without reloading (and still opens in a new tab). */
export function Link({ to, className, children, testId }: LinkProps) {
  const href = routePath(to);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={href} className={className} onClick={onClick} data-testid={testId}>
      {children}
    </a>
  );
}
