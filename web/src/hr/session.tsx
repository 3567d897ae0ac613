import { createContext, useContext } from 'solid-js';
import type { HrUser } from '../api/trpc';
import { consoleAccess, type ConsoleAccess } from './role-access';

export interface HrSession {
  user: () => HrUser;
  /** Ask the server again who is signed in, e.g. after a call said the session had ended. */
  recheck: () => void;
  /** Read the user's teams again (the header's choice), after a team was added or renamed. */
  teamsChanged: () => void;
}

export const SessionContext = createContext<HrSession>();

export function useSession(): HrSession {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside the HR layout');
  return session;
}

/** Admins manage HR users and interviewers; the server refuses the rest anyway, this only hides controls. */
export function useIsAdmin(): () => boolean {
  const access = useAccess();
  return () => access().administers;
}

/** What the signed-in user's role in the session's team lets them do (role-access.ts). */
export function useAccess(): () => ConsoleAccess {
  const session = useSession();
  return () => consoleAccess(session.user());
}
