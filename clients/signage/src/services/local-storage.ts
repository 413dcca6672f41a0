/** The page's localStorage, or null where the player refuses it (private mode, locked-down kiosks). */
export function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
