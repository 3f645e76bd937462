/** Model -> what readers see: the web page (sanitised HTML) and the plain-text mail. */
export { IssueHtmlRenderer, layoutIssue, escapeHtml, allSections } from './html';
export { blockClassName, sectionClassName } from './classNames';
export type { SiteMark, RenderedIssue, RenderedSection, RenderedBlock, RenderedMasthead, HtmlRenderOptions, LayoutOptions, LayoutInput, LayoutSection } from './html';
export { renderPlainText, renderPlainTextLines } from './plainText';
export type { PlainTextLine, PlainTextOptions } from './plainText';
export { renderExportHtml, EXPORT_STYLES } from './exportHtml';
export type { ExportHtmlOptions } from './exportHtml';
export { mastheadOf } from './masthead';
export type { Masthead } from './masthead';
export { ISSUE_SCHEMA } from './sanitize';
