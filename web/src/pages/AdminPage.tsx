// The administrator's index of configuration screens, which the navigation shows as one link.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The administration screens in the order the index lists them, each with its route and en.json key. */
export const adminScreens: { to: string; key: string }[] = [
  { to: '/admin/users', key: 'users' },
  { to: '/admin/workflows', key: 'workflows' },
  { to: '/admin/procedures', key: 'procedures' },
  { to: '/admin/approval-rules', key: 'approvalRules' },
  { to: '/admin/priority-matrix', key: 'priorityMatrix' },
  { to: '/admin/service-levels', key: 'serviceLevels' },
  { to: '/admin/email-templates', key: 'emailTemplates' },
  { to: '/admin/webhooks', key: 'webhooks' },
  { to: '/admin/config', key: 'config' },
  { to: '/admin/system', key: 'system' },
];

export function AdminPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('admin.title')}</h1>
      <ul className="plain-list admin-index">
        {adminScreens.map((screen) => (
          <li key={screen.to}>
            <Link to={screen.to}>{t(`nav.${screen.key}`)}</Link>
            <span className="hint"> {t(`admin.describe.${screen.key}`)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
