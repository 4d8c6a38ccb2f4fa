import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { SessionProvider, homePathFor, useSession } from './session';
import { Layout } from './components/Layout';
import { SignInPage } from './pages/SignInPage';
import { PublicRequestPage } from './pages/PublicRequestPage';
import { PublicStatusPage } from './pages/PublicStatusPage';
import { TriagePage } from './pages/TriagePage';
import { WorkOrdersPage } from './pages/WorkOrdersPage';
import { WorkOrderPage } from './pages/WorkOrderPage';
import { MyWorkPage } from './pages/MyWorkPage';
import { LocationsPage } from './pages/LocationsPage';
import { AssetsPage } from './pages/AssetsPage';
import { AssetPage } from './pages/AssetPage';
import { AssetTypesPage } from './pages/AssetTypesPage';
import { WarrantiesPage } from './pages/WarrantiesPage';
import { UsersPage } from './pages/UsersPage';
import { TokensPage } from './pages/TokensPage';
import { SystemPage } from './pages/SystemPage';
import { SchedulesPage } from './pages/SchedulesPage';
import { ForecastPage } from './pages/ForecastPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { ApprovalsPage } from './pages/ApprovalsPage';
import { AdminPage } from './pages/AdminPage';
import { ServiceLevelsPage } from './pages/ServiceLevelsPage';
import { WebhooksPage } from './pages/WebhooksPage';
import { SurveyPage } from './pages/SurveyPage';
import { EmailTemplatesPage } from './pages/EmailTemplatesPage';
import { WorkflowsPage } from './pages/admin/WorkflowsPage';
import { ProcedureTemplatesPage } from './pages/admin/ProcedureTemplatesPage';
import { ApprovalRulesPage } from './pages/admin/ApprovalRulesPage';
import { PriorityMatrixPage } from './pages/admin/PriorityMatrixPage';
import { ConfigPage } from './pages/admin/ConfigPage';

function RequireSignIn({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <p className="loading">{t('common.loading')}</p>;
  if (me === null) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return children;
}

function Home() {
  const { me } = useSession();
  return me ? <Navigate to={homePathFor(me)} replace /> : null;
}

function NotFound() {
  const { t } = useTranslation();
  return <p className="page">{t('common.notFoundPage')}</p>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/r/:key" element={<PublicRequestPage />} />
      <Route path="/status/:token" element={<PublicStatusPage />} />
      <Route path="/survey/:token" element={<SurveyPage />} />
      <Route
        element={
          <RequireSignIn>
            <Layout />
          </RequireSignIn>
        }
      >
        <Route index element={<Home />} />
        <Route path="/my-work" element={<MyWorkPage />} />
        <Route path="/triage" element={<TriagePage />} />
        <Route path="/work-orders" element={<WorkOrdersPage />} />
        <Route path="/work-orders/:id" element={<WorkOrderPage />} />
        <Route path="/locations" element={<LocationsPage />} />
        <Route path="/assets" element={<AssetsPage />} />
        <Route path="/assets/types" element={<AssetTypesPage />} />
        <Route path="/assets/warranties" element={<WarrantiesPage />} />
        <Route path="/assets/:id" element={<AssetPage />} />
        <Route path="/schedules" element={<SchedulesPage />} />
        <Route path="/forecast" element={<ForecastPage />} />
        <Route path="/admin" element={<AdminPage />} />
        <Route path="/admin/users" element={<UsersPage />} />
        <Route path="/admin/system" element={<SystemPage />} />
        <Route path="/admin/service-levels" element={<ServiceLevelsPage />} />
        <Route path="/admin/webhooks" element={<WebhooksPage />} />
        <Route path="/admin/email-templates" element={<EmailTemplatesPage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/approvals" element={<ApprovalsPage />} />
        <Route path="/admin/workflows" element={<WorkflowsPage />} />
        <Route path="/admin/procedures" element={<ProcedureTemplatesPage />} />
        <Route path="/admin/approval-rules" element={<ApprovalRulesPage />} />
        <Route path="/admin/priority-matrix" element={<PriorityMatrixPage />} />
        <Route path="/admin/config" element={<ConfigPage />} />
        <Route path="/settings/tokens" element={<TokensPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </SessionProvider>
  );
}
