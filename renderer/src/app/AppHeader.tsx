import { ColumnChooser } from '../grid/ColumnChooser';
import { Toolbar } from './Toolbar';
import type { AppState } from './use-app-state';

/** The window's header: the plan's title and the toolbar (with the column chooser in it). */
export function AppHeader({ app }: { app: AppState }) {
  const { choices, messages, files } = app;
  return (
    <header className="pl-header">
      <div className="pl-title" data-testid="title">
        {files.title}
      </div>
      <Toolbar
        api={app.api}
        store={app.store}
        snapshot={app.snapshot}
        files={files.actions}
        grid={app.grid}
        quickFilter={choices.quickFilter}
        onQuickFilter={choices.setQuickFilter}
        groupBy={choices.groupBy}
        onGroupBy={choices.setGroupBy}
        onCommand={app.run}
        attempt={messages.attempt}
        onShowKeyboardHelp={choices.showKeyboardHelp}
        onImportActuals={() => messages.attempt(app.actuals.importActuals())}
        columnChooser={
          <ColumnChooser
            hidden={app.hiddenColumnGroups}
            onChange={(hidden) => app.changePreferences({ hiddenColumnGroups: hidden })}
          />
        }
      />
    </header>
  );
}
