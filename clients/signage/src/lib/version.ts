// The build's version, reported in each heartbeat so admins see which screens run an old build.
import { version } from '../../../../package.json';

export const KIOSK_VERSION: string = version;
