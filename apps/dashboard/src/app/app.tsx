import { RouterProvider } from 'react-router/dom';
import { AuthProvider } from '@sunshine/web/auth';
import { SunshineConfigProvider } from '@sunshine/web/ui';
import { router } from './router';

/**
 * Providers needed before sign-in only. Apollo Client and antd's App (message, modal) load with
 * the signed-in shell, which keeps the sign-in page small.
 */
export function App() {
  return (
    <SunshineConfigProvider>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </SunshineConfigProvider>
  );
}
