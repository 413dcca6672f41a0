import { adoptDocumentStyles, pageStyles, tokens } from '../../shared/styles';
import { css } from 'lit';
import { i18n } from './i18n';
import { KIOSK_SCOPE } from './lib/sw-logic';
import './views/app-view';

// the service worker covers /signage/ only: the bare /signage URL becomes that, without a reload
if (location.pathname === '/signage') history.replaceState(null, '', `${KIOSK_SCOPE}${location.search}${location.hash}`);

adoptDocumentStyles(
  tokens,
  pageStyles,
  css`
    html,
    body {
      background: #000;
      overflow: hidden;
      cursor: none;
    }
  `,
);
document.title = i18n.t('app.title');
document.body.append(document.createElement('ps-app'));

// after the first drawing: the stored state is on screen before anything goes to the network
addEventListener('load', () => {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register(`${KIOSK_SCOPE}sw.js`, { scope: KIOSK_SCOPE }).catch((err: unknown) => {
    // the kiosk works without it; only a reload with the hub unreachable fails
    console.warn('service worker not registered:', err);
  });
});
