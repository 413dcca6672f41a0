// Loads every module's rules into the one registry (side-effect imports, once).
import '../modules/auth/auth.policy';
import '../modules/directory/directory.policy';
import '../realtime/realtime.policy';
import '../modules/news/news.policy';
import '../modules/timetable/timetable.policy';
import '../modules/absences/absences.policy';
import '../modules/messaging/messaging.policy';
import '../modules/notifications/notifications.policy';
import '../modules/signage/signage.policy';
import '../modules/privacy/privacy.policy';
import '../modules/indicators/indicators.policy';
