/**
 * The messages of the sign-in form, its errors and the language switch, written once for every
 * client that signs people in: each client's catalogue spreads these and adds its own page texts.
 */
export const signInFr = {
  'app.unreachable': 'Préau ne répond pas pour le moment. Vérifiez votre connexion puis réessayez.',
  'app.retry': 'Réessayer',
  'app.sessionExpired': 'Votre session a expiré. Reconnectez-vous pour continuer.',
  'app.signedOut': 'Vous êtes déconnecté.',

  'locale.other': 'English',
  'locale.otherLabel': 'Switch to English',

  'signIn.login': 'Identifiant',
  'signIn.loginHint': 'Par exemple\u00a0: prenom.nom',
  'signIn.password': 'Mot de passe',
  'signIn.showPassword': 'Afficher le mot de passe',
  'signIn.hidePassword': 'Masquer le mot de passe',
  'signIn.submit': 'Se connecter',
  'signIn.submitting': 'Connexion en cours…',
  'signIn.waitToRetry': 'Nouvel essai possible dans {wait}',
  'signIn.error.missingLogin': 'Saisissez votre identifiant.',
  'signIn.error.missingPassword': 'Saisissez votre mot de passe.',
  'signIn.error.missingBoth': 'Saisissez votre identifiant et votre mot de passe.',
  'signIn.error.invalidCredentials': 'Identifiant ou mot de passe incorrect. Vérifiez votre saisie (majuscules, accents) et réessayez.',
  'signIn.error.accountLocked': 'Ce compte est verrouillé après plusieurs essais infructueux. Réessayez dans {wait}.',
  'signIn.error.tooManyAttempts': 'Trop de tentatives de connexion depuis cet appareil. Réessayez dans {wait}.',
  'signIn.error.network': 'Impossible de joindre Préau. Vérifiez votre connexion internet puis réessayez.',
  'signIn.error.unavailable': 'Préau est momentanément indisponible. Réessayez dans quelques instants.',
  'signIn.error.unknown': 'La connexion a échoué. Réessayez dans un instant.',

  'duration.seconds': '{n}\u00a0s',
  'duration.minutes': '{n}\u00a0min',
  'duration.hours': '{n}\u00a0h',
  'duration.fewMinutes': 'quelques minutes',
} as const;

export type SignInKey = keyof typeof signInFr;

export const signInEn: Record<SignInKey, string> = {
  'app.unreachable': 'Préau is not answering right now. Check your connection and try again.',
  'app.retry': 'Try again',
  'app.sessionExpired': 'Your session has expired. Please sign in again.',
  'app.signedOut': 'You are signed out.',

  'locale.other': 'Français',
  'locale.otherLabel': 'Passer en français',

  'signIn.login': 'Username',
  'signIn.loginHint': 'For example: firstname.lastname',
  'signIn.password': 'Password',
  'signIn.showPassword': 'Show password',
  'signIn.hidePassword': 'Hide password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.waitToRetry': 'You can try again in {wait}',
  'signIn.error.missingLogin': 'Enter your username.',
  'signIn.error.missingPassword': 'Enter your password.',
  'signIn.error.missingBoth': 'Enter your username and password.',
  'signIn.error.invalidCredentials': 'Wrong username or password. Check what you typed (capitals, accents) and try again.',
  'signIn.error.accountLocked': 'This account is locked after several failed attempts. Try again in {wait}.',
  'signIn.error.tooManyAttempts': 'Too many sign-in attempts from this device. Try again in {wait}.',
  'signIn.error.network': 'Préau cannot be reached. Check your internet connection and try again.',
  'signIn.error.unavailable': 'Préau is temporarily unavailable. Try again in a moment.',
  'signIn.error.unknown': 'Sign-in failed. Try again in a moment.',

  'duration.seconds': '{n} s',
  'duration.minutes': '{n} min',
  'duration.hours': '{n} h',
  'duration.fewMinutes': 'a few minutes',
};

/** A translate function that knows at least the sign-in keys (any client's i18n.t fits). */
export type SignInTranslate = (key: SignInKey, params?: Record<string, string | number>) => string;
