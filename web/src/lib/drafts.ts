// Form drafts kept in IndexedDB until the server has accepted them, so a closed tab, a reload or a
// dropped connection loses nothing the user typed.
import { openDB, type IDBPDatabase } from 'idb';
import { useCallback, useEffect, useRef, useState } from 'react';

const databaseName = 'workdesk';
const storeName = 'drafts';

let databasePromise: Promise<IDBPDatabase> | null = null;

function openDatabase(): Promise<IDBPDatabase> {
  databasePromise ??= openDB(databaseName, 1, {
    upgrade(db) {
      db.createObjectStore(storeName);
    },
  });
  return databasePromise;
}

export async function loadDraft<T>(key: string): Promise<T | undefined> {
  try {
    return (await (await openDatabase()).get(storeName, key)) as T | undefined;
  } catch {
    // Private browsing modes may refuse IndexedDB; the form then works without drafts.
    return undefined;
  }
}

export async function saveDraft<T>(key: string, value: T): Promise<void> {
  try {
    await (await openDatabase()).put(storeName, value, key);
  } catch {
    // See loadDraft.
  }
}

/** Lists the stored draft keys that start with prefix. */
export async function listDraftKeys(prefix: string): Promise<string[]> {
  try {
    const keys = await (await openDatabase()).getAllKeys(storeName);
    return keys.map(String).filter((key) => key.startsWith(prefix));
  } catch {
    // See loadDraft.
    return [];
  }
}

export async function clearDraft(key: string): Promise<void> {
  try {
    await (await openDatabase()).delete(storeName, key);
  } catch {
    // See loadDraft.
  }
}

/**
 * Keeps a form's values in IndexedDB under key. Returns the values, a setter that also saves,
 * a function that removes the draft once the server accepted it, and whether the stored draft
 * has been read (the form should not accept input before that, or the draft would overwrite it).
 */
export function useDraft<T extends object>(key: string, initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [loaded, setLoaded] = useState(false);
  const initialRef = useRef(initial);

  useEffect(() => {
    let cancelled = false;
    setLoaded(false);
    void loadDraft<T>(key).then((stored) => {
      if (cancelled) return;
      setValues(stored ? { ...initialRef.current, ...stored } : initialRef.current);
      setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [key]);

  const update = useCallback((change: Partial<T>) => {
    setValues((previous) => {
      const next = { ...previous, ...change };
      void saveDraft(key, next);
      return next;
    });
  }, [key]);

  const clear = useCallback(async () => {
    await clearDraft(key);
    setValues(initialRef.current);
  }, [key]);

  return { values, update, clear, loaded };
}
