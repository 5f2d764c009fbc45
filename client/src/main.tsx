import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './urduFont.css';
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
