import { api } from '../../shared/api';
import { adoptDocumentStyles, pageStyles, tokens } from '../../shared/styles';
import { SessionStore } from './lib/session-store';
import './views/app-view';

adoptDocumentStyles(tokens, pageStyles);

const session = new SessionStore(api);
// created here, not in the HTML: the element needs its session before it connects
const app = document.createElement('pw-app');
app.session = session;
document.body.prepend(app);
void session.load();
