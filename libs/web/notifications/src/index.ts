export { notificationKindLabel } from './lib/notification-kinds';
/** The header's notification bell; the shell puts it into the layout's header slot. */
export { NotificationBell } from './lib/notification-bell';
