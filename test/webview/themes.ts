/**
 * A minimal set of the --vscode-* variables VS Code puts on a webview's <html>, for the Default
 * Light Modern, Default Dark Modern and Default High Contrast themes, plus the body class.
 */
export type ThemeName = 'light' | 'dark' | 'hc';

const common = {
  '--vscode-font-family': '"Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", "DejaVu Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': '"Droid Sans Mono", "DejaVu Sans Mono", monospace',
  '--vscode-editor-font-size': '13px',
};

export const THEMES: Record<ThemeName, { bodyClass: string; vars: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      ...common,
      '--vscode-foreground': '#3b3b3b', '--vscode-descriptionForeground': '#717171', '--vscode-disabledForeground': 'rgba(97, 97, 97, 0.5)',
      '--vscode-errorForeground': '#f85149', '--vscode-focusBorder': '#005fb8', '--vscode-editor-background': '#ffffff',
      '--vscode-editor-foreground': '#3b3b3b', '--vscode-sideBar-background': '#f8f8f8', '--vscode-panel-border': '#e5e5e5',
      '--vscode-editorWidget-background': '#f8f8f8', '--vscode-editorWidget-border': '#c8c8c8', '--vscode-widget-border': '#e5e5e5',
      '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.16)', '--vscode-editorHoverWidget-background': '#f8f8f8',
      '--vscode-editorHoverWidget-foreground': '#3b3b3b', '--vscode-editorHoverWidget-border': '#c8c8c8',
      '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b', '--vscode-input-border': '#cecece',
      '--vscode-input-placeholderForeground': '#767676', '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#0258a8', '--vscode-button-border': 'rgba(0, 0, 0, 0.1)', '--vscode-button-secondaryBackground': '#e5e5e5',
      '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-button-secondaryHoverBackground': '#cccccc',
      '--vscode-list-hoverBackground': '#f2f2f2', '--vscode-list-activeSelectionBackground': '#e8e8e8',
      '--vscode-list-activeSelectionForeground': '#000000', '--vscode-list-inactiveSelectionBackground': '#e4e6f1',
      '--vscode-list-focusOutline': '#005fb8', '--vscode-editor-selectionBackground': '#add6ff',
      '--vscode-editor-findMatchHighlightBackground': 'rgba(234, 92, 0, 0.33)', '--vscode-charts-foreground': '#616161',
      '--vscode-charts-red': '#e51400', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-yellow': '#bf8803',
      '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#388a34', '--vscode-charts-purple': '#652d90',
      '--vscode-textLink-foreground': '#005fb8', '--vscode-progressBar-background': '#005fb8', '--vscode-sash-hoverBorder': '#005fb8',
      '--vscode-inputValidation-errorBackground': '#f2dede', '--vscode-editorWarning-foreground': '#bf8803',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      ...common,
      '--vscode-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-disabledForeground': 'rgba(204, 204, 204, 0.5)',
      '--vscode-errorForeground': '#f85149', '--vscode-focusBorder': '#0078d4', '--vscode-editor-background': '#1f1f1f',
      '--vscode-editor-foreground': '#cccccc', '--vscode-sideBar-background': '#181818', '--vscode-panel-border': '#2b2b2b',
      '--vscode-editorWidget-background': '#202020', '--vscode-editorWidget-border': '#454545', '--vscode-widget-border': '#313131',
      '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.36)', '--vscode-editorHoverWidget-background': '#202020',
      '--vscode-editorHoverWidget-foreground': '#cccccc', '--vscode-editorHoverWidget-border': '#454545',
      '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc', '--vscode-input-border': '#3c3c3c',
      '--vscode-input-placeholderForeground': '#989898', '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#026ec1', '--vscode-button-border': 'rgba(255, 255, 255, 0.07)', '--vscode-button-secondaryBackground': '#313131',
      '--vscode-button-secondaryForeground': '#cccccc', '--vscode-button-secondaryHoverBackground': '#3c3c3c',
      '--vscode-list-hoverBackground': '#2a2d2e', '--vscode-list-activeSelectionBackground': '#04395e',
      '--vscode-list-activeSelectionForeground': '#ffffff', '--vscode-list-inactiveSelectionBackground': '#37373d',
      '--vscode-list-focusOutline': '#0078d4', '--vscode-editor-selectionBackground': '#264f78',
      '--vscode-editor-findMatchHighlightBackground': 'rgba(234, 92, 0, 0.33)', '--vscode-charts-foreground': '#cccccc',
      '--vscode-charts-red': '#f14c4c', '--vscode-charts-blue': '#3794ff', '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7',
      '--vscode-textLink-foreground': '#4daafc', '--vscode-progressBar-background': '#0078d4', '--vscode-sash-hoverBorder': '#0078d4',
      '--vscode-inputValidation-errorBackground': '#5a1d1d', '--vscode-editorWarning-foreground': '#cca700',
    },
  },
  hc: {
    bodyClass: 'vscode-high-contrast',
    vars: {
      ...common,
      '--vscode-foreground': '#ffffff', '--vscode-descriptionForeground': 'rgba(255, 255, 255, 0.7)', '--vscode-disabledForeground': '#a5a5a5',
      '--vscode-errorForeground': '#f48771', '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df',
      '--vscode-contrastActiveBorder': '#f38518', '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff',
      '--vscode-sideBar-background': '#000000', '--vscode-panel-border': '#6fc3df', '--vscode-editorWidget-background': '#0c141f',
      '--vscode-editorWidget-border': '#6fc3df', '--vscode-widget-border': '#6fc3df', '--vscode-editorHoverWidget-background': '#0c141f',
      '--vscode-editorHoverWidget-foreground': '#ffffff', '--vscode-editorHoverWidget-border': '#6fc3df',
      '--vscode-input-background': '#000000', '--vscode-input-foreground': '#ffffff', '--vscode-input-border': '#6fc3df',
      '--vscode-input-placeholderForeground': 'rgba(255, 255, 255, 0.7)', '--vscode-button-background': '#000000',
      '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df', '--vscode-button-secondaryBackground': '#000000',
      '--vscode-button-secondaryForeground': '#ffffff', '--vscode-list-hoverBackground': 'transparent',
      '--vscode-list-activeSelectionBackground': 'transparent', '--vscode-list-focusOutline': '#f38518',
      '--vscode-list-inactiveSelectionBackground': 'transparent', '--vscode-list-inactiveFocusOutline': '#f38518',
      '--vscode-editor-selectionBackground': '#ffffff', '--vscode-editor-findMatchHighlightBackground': 'transparent',
      '--vscode-charts-foreground': '#ffffff', '--vscode-charts-red': '#f14c4c', '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-yellow': '#ffd700', '--vscode-charts-orange': '#ff8c00', '--vscode-charts-green': '#89d185',
      '--vscode-charts-purple': '#b180d7', '--vscode-textLink-foreground': '#21a6ff', '--vscode-progressBar-background': '#6fc3df',
      '--vscode-sash-hoverBorder': '#f38518', '--vscode-editorWarning-foreground': '#ffd700',
    },
  },
};
