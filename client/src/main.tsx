import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-nastaliq-urdu/arabic-400.css';
import '@fontsource/noto-nastaliq-urdu/arabic-700.css';
import { App } from './App';
import { startLanguage } from './lib/language';
import { registerOfflineShell } from './offline/registerOfflineShell';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// Before the first render, so the first paint is already in the person's language.
startLanguage();

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

registerOfflineShell();
