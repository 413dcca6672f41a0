/** Fired on window when the service worker says a push arrived: views showing notifications reload. */
export const PUSH_RECEIVED_EVENT = 'pn-push-received';
