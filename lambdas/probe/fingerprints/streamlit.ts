import { canaryAnsweredBy, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const streamlit: Fingerprint = {
  id: 'streamlit',
  name: 'Streamlit app',
  category: 'ui',
  defaultPorts: [8501],
  specificity: 100,
  requests: [{ id: 'hostConfig', method: 'GET', path: '/_stcore/host-config' }, rootPage, notFoundCanary],
  // Streamlit's own server: Tornado (server header) until the Starlette server, which answers unknown paths with
  // the app shell on uvicorn; every release serves its packaged index.html (title "Streamlit") at /.
  sweepHints: [
    canaryAnsweredBy.tornado,
    [...canaryAnsweredBy.appShell, canaryAnsweredBy.uvicorn],
    { on: rootPage.id, bodyContains: '<title>Streamlit</title>' },
  ],
  identify: {
    why: 'Streamlit: GET /_stcore/host-config answers allowedOrigins and useExternalAuthToken',
    // The /_stcore/ prefix and these keys are Streamlit's server internals.
    all: [{ on: 'hostConfig', bodyRegex: /^\s*\{(?=[\s\S]*"allowedOrigins"\s*:)(?=[\s\S]*"useExternalAuthToken"\s*:)/ }],
  },
  open: {
    why: 'the app is served without login (Streamlit has no server auth): whatever the app exposes is public',
    all: [{ on: 'hostConfig', status: [200] }],
  },
  noAuthReason: 'Streamlit has no server-side authentication switch (apps add their own login, which the probe cannot see).',
  severityWhenOpen: 'medium',
  remediation: 'Put the app behind an authenticating proxy or add st.login, and remove the internet rule for port 8501.',
  references: ['https://docs.streamlit.io/develop/api-reference/configuration/config.toml', 'https://docs.streamlit.io/develop/concepts/connections/authentication'],
  cpe: 'cpe:2.3:a:snowflake:streamlit',
  verifiedAgainst: ['Streamlit 1.67.0'],
};
