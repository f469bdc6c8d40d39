import {
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  CustomEditorModule,
  DragAndDropModule,
  LargeTextEditorModule,
  type Module,
  NumberFilterModule,
  PinnedRowModule,
  QuickFilterModule,
  RenderApiModule,
  RowApiModule,
  RowDragModule,
  RowStyleModule,
  ScrollApiModule,
  TextEditorModule,
  TextFilterModule,
} from 'ag-grid-community';

/**
 * The AG Grid modules the planning grid uses, and no others. AllCommunityModule also brought the tooltip
 * module, which wires listeners into every cell drawn (the grid has its own tooltip, use-grid-hover.ts),
 * and column hover, which walks every drawn cell on each mouseover even with its highlight off: both
 * were a large part of a scroll frame at 10k rows (issue 9 §6). A feature used without its module is
 * reported by AG Grid in the console, which the e2e suites fail on.
 */
export const GRID_MODULES: readonly Module[] = [
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  TextEditorModule,
  LargeTextEditorModule,
  CustomEditorModule,
  TextFilterModule,
  NumberFilterModule,
  QuickFilterModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  RowDragModule,
  DragAndDropModule,
  PinnedRowModule,
  CellStyleModule,
  RowStyleModule,
];
