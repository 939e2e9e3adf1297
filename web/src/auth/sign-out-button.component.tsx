import { createAccessClient } from './access-client';
import { describeActor } from './role';
import { useSessionStore } from './session.store';

/** Who is signed in, and the way out (ends the server session, then forgets it here). */
export function SignOutButton() {
  const me = useSessionStore((s) => s.me);
  const apiKey = useSessionStore((s) => s.apiKey);
  const signOut = useSessionStore((s) => s.signOut);
  const leave = async () => {
    // A cookie session ends on the server; a key is only forgotten by this browser.
    if (!apiKey)
      await createAccessClient()
        .signOut()
        .catch(() => undefined);
    signOut();
  };
  return (
    <div className="nav__account">
      {me && (
        <div className="nav__who" data-testid="signed-in-as" title={describeActor(me)}>
          <span>{me.actor.type === 'user' ? me.actor.email : `API key "${me.actor.name}"`}</span>
          <small>
            {me.actor.type === 'user' ? me.actor.role : `${me.actor.scope} key`} ·{' '}
            {me.workspace.name}
          </small>
        </div>
      )}
      <button
        type="button"
        className="nav__item nav__signout"
        data-testid="sign-out"
        onClick={() => void leave()}
      >
        Sign out
      </button>
    </div>
  );
}
