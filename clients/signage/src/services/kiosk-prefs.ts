// Small facts a screen keeps across reloads besides its data: whether it was blanked from afar
// (it stays black after a power cut until someone wakes it), and the last command it ran (a
// reload must not run the same command again when the hub replays it).
import { safeLocalStorage } from './local-storage';

const BLANK = 'preau.screen.blank';
const LAST_COMMAND = 'preau.screen.lastCommand';

export interface KioskPrefs {
  blank: boolean;
  lastCommandIssuedAt: string | null;
  clear(): void;
}

export function localKioskPrefs(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeLocalStorage()): KioskPrefs {
  const read = (key: string) => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  const write = (key: string, value: string | null) => {
    try {
      if (value === null) storage?.removeItem(key);
      else storage?.setItem(key, value);
    } catch {
      // storage refused: the fact lasts until the next reload
    }
  };
  let blank = read(BLANK) === '1';
  let last = read(LAST_COMMAND);
  return {
    get blank() {
      return blank;
    },
    set blank(value: boolean) {
      blank = value;
      write(BLANK, value ? '1' : null);
    },
    get lastCommandIssuedAt() {
      return last;
    },
    set lastCommandIssuedAt(value: string | null) {
      last = value;
      write(LAST_COMMAND, value);
    },
    clear() {
      blank = false;
      last = null;
      write(BLANK, null);
      write(LAST_COMMAND, null);
    },
  };
}
