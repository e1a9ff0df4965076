// Sentry's feedback widget in `bench/dialog.bench.mjs`: the SDK with its (bundled, not CDN-loaded)
// feedback integration, reporting to the bench server's stub envelope endpoint. The widget's own
// button opens the form.
import { feedbackIntegration, init } from '@sentry/browser';

init({
  dsn: `http://public@${location.host}/1`,
  integrations: [feedbackIntegration({ colorScheme: 'light', autoInject: true })],
});
