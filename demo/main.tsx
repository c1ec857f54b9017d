import 'starknet-sessions/styles.css';
import './demo.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { StartupError } from './components/StartupError.js';
import { createDemoSetup } from './setup.js';

const container = document.getElementById('root');
if (!container) throw new ReferenceError('demo/index.html has no #root element');
const root = createRoot(container);

// An agent's link opens the approval page: on the network the link names (`npm run agent`), else on
// the demo's own (the simulated one in the page, or a real one from the VITE_* variables).
const testnetUrl = new URLSearchParams(location.search).get('testnet');
if (location.hash.includes('session-request=')) {
  Promise.all([import('./approval/ApprovalPage.js'), import('./approval/remoteNetwork.js')])
    .then(async ([{ ApprovalPage }, network]) => {
      const setup = testnetUrl
        ? network.createRemoteNetwork(testnetUrl)
        : network.approvalSetupOf(await createDemoSetup(import.meta.env));
      root.render(
        <StrictMode>
          <ApprovalPage setup={setup} />
        </StrictMode>,
      );
    })
    .catch((error: unknown) => root.render(<StartupError error={error} />));
} else
  createDemoSetup(import.meta.env).then(
    (setup) =>
      root.render(
        <StrictMode>
          <App setup={setup} />
        </StrictMode>,
      ),
    (error: unknown) => root.render(<StartupError error={error} />),
  );
