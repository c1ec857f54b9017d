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

createDemoSetup(import.meta.env).then(
  (setup) =>
    root.render(
      <StrictMode>
        <App setup={setup} />
      </StrictMode>,
    ),
  (error: unknown) => root.render(<StartupError error={error} />),
);
