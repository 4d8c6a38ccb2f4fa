import { useEffect, useState } from 'react';
import { listUsers } from '../api/client';
import type { User } from '../api/types';

let cached: Promise<User[]> | null = null;

/**
 * Returns the active users for assignee pickers and names, and whether the list has arrived.
 * The list stays empty for roles that may not list users.
 */
export function useUserDirectory(): { users: User[]; loaded: boolean } {
  const [state, setState] = useState<{ users: User[]; loaded: boolean }>({ users: [], loaded: false });
  useEffect(() => {
    cached ??= listUsers().then((page) => page.items, () => {
      cached = null;
      return [];
    });
    let cancelled = false;
    void cached.then((items) => {
      if (!cancelled) setState({ users: items, loaded: true });
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return state;
}

/** Returns the active users; see useUserDirectory. */
export function useUsers(): User[] {
  return useUserDirectory().users;
}

/** Forgets the cached users, after an administrator changed them. */
export function forgetUsers() {
  cached = null;
}

/** Returns the user's display name, or "#id" when the list does not contain them. */
export function userName(users: User[], id: number): string {
  return users.find((user) => user.id === id)?.displayName ?? `#${id}`;
}
