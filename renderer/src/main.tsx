import { ModuleRegistry } from 'ag-grid-community';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { GRID_MODULES } from './grid/grid-modules';
import './styles/app.css';

ModuleRegistry.registerModules([...GRID_MODULES]);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
