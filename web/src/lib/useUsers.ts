import { useEffect, useState } from 'react';
import { listUsers } from '../api/client';
import type { User } from '../api/types';

let cached: Promise<User[]> | null = null;

/** Returns the active users for assignee pickers and names; empty for roles that may not list users. */
export function useUsers(): User[] {
  const [users, setUsers] = useState<User[]>([]);
  useEffect(() => {
    cached ??= listUsers().then((page) => page.items, () => {
      cached = null;
      return [];
    });
    let cancelled = false;
    void cached.then((items) => {
      if (!cancelled) setUsers(items);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return users;
}

/** Forgets the cached users, after an administrator changed them. */
export function forgetUsers() {
  cached = null;
}

export function userName(users: User[], id: number): string {
  return users.find((user) => user.id === id)?.displayName ?? `#${id}`;
}
