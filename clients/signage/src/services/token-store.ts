// The screen's device token: all it has to prove it is a paired screen of its school.
import { safeLocalStorage } from './local-storage';

const KEY = 'preau.screen.token';

export interface TokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

/** The token in localStorage, where it survives reloads and reboots of the player. */
export function localTokenStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeLocalStorage()): TokenStore {
  // kept in memory too: a player refusing storage still works until it reloads
  let memory: string | null = null;
  return {
    get() {
      try {
        return storage?.getItem(KEY) ?? memory;
      } catch {
        return memory;
      }
    },
    set(token) {
      memory = token;
      try {
        storage?.setItem(KEY, token);
      } catch {
        // storage refused: the memory copy serves until the next reload
      }
    },
    clear() {
      memory = null;
      try {
        storage?.removeItem(KEY);
      } catch {
        // nothing stored then
      }
    },
  };
}
