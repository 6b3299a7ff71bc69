// Entry point. The Noto Sans SC web font (one weight, split by unicode-range so the browser
// fetches only the subsets a page uses) is bundled so Chinese renders on machines without a
// system CJK font; MapLibre also uses it for CJK labels (localIdeographFontFamily).
import '@fontsource/noto-sans-sc/400.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './i18n';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
