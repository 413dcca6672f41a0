import { api } from '../../shared/api';
import { adoptDocumentStyles, pageStyles, tokens } from '../../shared/styles';
import { SessionStore } from '../../web/src/lib/session-store';
import { APP_SCOPE, PUSH_RECEIVED } from './lib/sw-logic';
import { PUSH_RECEIVED_EVENT } from './lib/page-events';
import './views/app-view';

adoptDocumentStyles(tokens, pageStyles);

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register(`${APP_SCOPE}sw.js`, { scope: APP_SCOPE }).catch((err: unknown) => {
    // the app works without it; only push and offline start are lost
    console.warn('service worker not registered:', err);
  });
  navigator.serviceWorker.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
    if (e.data?.type === PUSH_RECEIVED) window.dispatchEvent(new Event(PUSH_RECEIVED_EVENT));
  });
}

const session = new SessionStore(api);
const app = document.createElement('pn-app');
app.session = session;
document.body.prepend(app);
void session.load();
