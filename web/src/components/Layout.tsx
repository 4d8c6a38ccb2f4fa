import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { countUnreadNotifications } from '../api/client';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';
import type { Role } from '../api/types';

interface NavItem {
  to: string;
  label: string;
  roles: Role[];
}

const navItems: NavItem[] = [
  { to: '/my-work', label: 'nav.myWork', roles: ['technician', 'vendor', 'dispatcher', 'administrator'] },
  { to: '/triage', label: 'nav.triage', roles: ['dispatcher', 'administrator'] },
  { to: '/work-orders', label: 'nav.workOrders', roles: ['dispatcher', 'administrator', 'technician', 'requester'] },
  { to: '/locations', label: 'nav.locations', roles: ['dispatcher', 'administrator', 'technician'] },
  { to: '/assets', label: 'nav.assets', roles: ['dispatcher', 'administrator', 'technician'] },
  { to: '/schedules', label: 'nav.schedules', roles: ['dispatcher', 'administrator', 'technician'] },
  { to: '/forecast', label: 'nav.forecast', roles: ['dispatcher', 'administrator', 'technician'] },
  { to: '/notifications', label: 'nav.notifications', roles: ['technician', 'dispatcher', 'administrator'] },
  { to: '/approvals', label: 'nav.approvals', roles: ['technician', 'dispatcher', 'administrator'] },
  // Each administration screen is listed on /admin, so the bar stays short.
  { to: '/admin', label: 'nav.administration', roles: ['administrator'] },
  { to: '/settings/tokens', label: 'nav.tokens', roles: ['administrator', 'dispatcher', 'technician', 'requester', 'vendor'] },
];

/** Reads the staff user's unread notification count on each page change. */
function useUnreadCount(role: Role | undefined): number {
  const location = useLocation();
  const [count, setCount] = useState(0);
  const isStaff = role === 'technician' || role === 'dispatcher' || role === 'administrator';
  useEffect(() => {
    if (!isStaff) return;
    countUnreadNotifications().then((result) => setCount(result.count), () => setCount(0));
  }, [isStaff, location.pathname]);
  return isStaff ? count : 0;
}

/** The signed-in frame: a skip link, the navigation for the user's role and the page. */
export function Layout() {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const unread = useUnreadCount(me?.role);
  if (!me) return null;

  const items = navItems.filter((item) => item.roles.includes(me.role));
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>
                  {item.to === '/notifications' && unread > 0 ? t('nav.notificationsUnread', { count: unread }) : t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>{t('nav.signedInAs', { name: me.displayName, role: t(`role.${me.role}`) })}</span>
          <button
            type="button"
            className="link-button"
            onClick={async () => {
              await signOut();
              navigate('/sign-in');
            }}
          >
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
