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

// An agent's link (`npm run agent`) opens the approval page, on the network the link names.
const testnetUrl = new URLSearchParams(location.search).get('testnet');
if (location.hash.includes('session-request=') && testnetUrl) {
  Promise.all([import('./approval/ApprovalPage.js'), import('./approval/remoteNetwork.js')]).then(
    ([{ ApprovalPage }, { createRemoteNetwork }]) =>
      root.render(
        <StrictMode>
          <ApprovalPage network={createRemoteNetwork(testnetUrl)} />
        </StrictMode>,
      ),
    (error: unknown) => root.render(<StartupError error={error} />),
  );
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
