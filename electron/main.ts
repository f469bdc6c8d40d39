import { defaultPaths, runDesktopApp } from './desktop-app';

// Bundled to out/electron/main.cjs; the preload and the renderer sit beside it in out/.
runDesktopApp(defaultPaths(__dirname));
